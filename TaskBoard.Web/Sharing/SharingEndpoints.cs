using Microsoft.AspNetCore.Http.HttpResults;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Sharing;
using TaskBoard.Web.Api;
using TaskBoard.Web.Auth;
using TaskBoard.Web.Boards;
using TaskBoard.Web.Hosting;

namespace TaskBoard.Web.Sharing;

/// <summary>
/// Sharing boards: members (<c>/api/boards/{id}/members</c>, <c>…/transfer</c>), the owner's invitations
/// (<c>/api/boards/{id}/invitations</c>) and the invitee's (<c>/api/invitations</c>). Thin adapters over
/// <see cref="MemberService"/> and <see cref="InvitationService"/>, which decide who may do what.
/// </summary>
public static class SharingEndpoints
{
    private const string MemberExample = """{"userId":"01936f6e-0000-7000-8000-0000000000a2","name":"Sam","email":"sam@example.com","role":"editor","joinedAt":"2026-02-21T10:30:00.123456Z"}""";

    private const string InvitationExample = """
        {"id":"01936f6e-0000-7000-8000-0000000001e1","boardId":"01936f6e-0000-7000-8000-00000000b0a2","boardName":"Home","email":"sam@example.com",
         "role":"editor","invitedBy":"Alex","createdAt":"2026-02-21T10:30:00.123456Z","expiresAt":"2026-03-07T10:30:00.123456Z"}
        """;

    public static IEndpointRouteBuilder MapSharingApi(this IEndpointRouteBuilder endpoints)
    {
        var boards = endpoints.MapGroup("/api/boards/{id:guid}").WithTags("Sharing").RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit();

        boards.MapGet("/members", ListMembersAsync).WithName("listMembers").RequireScope(Scopes.TasksRead)
            .WithSummary("List a board's members")
            .WithDescription("Everyone on the board with their role, the owner first. Every member may read this.")
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{MemberExample}}]}"""));
        boards.MapPatch("/members/{userId:guid}", ChangeRoleAsync).WithName("changeMemberRole").RequireScope(Scopes.TasksWrite)
            .WithSummary("Change a member's role")
            .WithDescription("Make a member an editor or a viewer (the owner only). Their open boards follow within seconds.")
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample("""{"role":"viewer"}""", MemberExample));
        boards.MapDelete("/members/{userId:guid}", RemoveMemberAsync).WithName("removeMember").RequireScope(Scopes.TasksWrite)
            .WithSummary("Remove a member, or leave")
            .WithDescription("The owner removes anyone else; anyone but the owner may remove themselves (leave). " +
                "They are unassigned from the board's tasks and lose access at once: their next request is 404, and their open board closes.")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        boards.MapPost("/transfer", TransferAsync).WithName("transferBoard").RequireScope(Scopes.TasksWrite)
            .WithSummary("Hand the board over")
            .WithDescription("The member named becomes the board's owner (the owner only); you stay on as an editor.")
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample("""{"userId":"01936f6e-0000-7000-8000-0000000000a2"}""", MemberExample.Replace("\"editor\"", "\"owner\"", StringComparison.Ordinal)));

        boards.MapPost("/invitations", InviteAsync).WithName("inviteToBoard").RequireScope(Scopes.TasksWrite)
            .WithSummary("Invite someone to the board")
            .WithDescription("Invites an email address as editor or viewer (the owner only) and emails it a link. The answer is the same whether or not " +
                "the address has an account. Inviting an address again renews its invitation; an invitation expires after 14 days.")
            .Produces<InvitationResponse>(StatusCodes.Status202Accepted)
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample("""{"email":"sam@example.com","role":"editor"}""", InvitationExample));
        boards.MapGet("/invitations", ListBoardInvitationsAsync).WithName("listBoardInvitations").RequireScope(Scopes.TasksRead)
            .WithSummary("List a board's open invitations")
            .WithDescription("Newest first (the owner only).")
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{InvitationExample}}]}"""));
        boards.MapDelete("/invitations/{invitationId:guid}", RevokeAsync).WithName("revokeInvitation").RequireScope(Scopes.TasksWrite)
            .WithSummary("Revoke an open invitation")
            .WithDescription("The owner only; its link stops working.")
            .Problems(StatusCodes.Status404NotFound);

        var mine = endpoints.MapGroup("/api/invitations").WithTags("Sharing").RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit();
        mine.MapGet("/", ListMineAsync).WithName("listMyInvitations").RequireScope(Scopes.TasksRead)
            .WithSummary("List your invitations")
            .WithDescription("The open invitations sent to your account's address, newest first. Only once the address is confirmed " +
                "(403 email_not_verified before that), since anyone may sign up with an address that is not theirs.")
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{InvitationExample}}]}"""));
        mine.MapPost("/{id:guid}/accept", AcceptAsync).WithName("acceptInvitation").RequireScope(Scopes.TasksWrite)
            .WithSummary("Accept an invitation")
            .WithDescription("Joins the board with the invitation's role and answers the board. The body is optional: with an address that is not " +
                "confirmed yet, give the emailed link's token.")
            .Problems(StatusCodes.Status404NotFound);
        mine.MapPost("/{id:guid}/decline", DeclineAsync).WithName("declineInvitation").RequireScope(Scopes.TasksWrite)
            .WithSummary("Decline an invitation")
            .WithDescription("The invitation is gone; the owner may invite you again. The body is optional, as for accept.")
            .Problems(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<MemberListResponse>, ProblemHttpResult>> ListMembersAsync(Guid id, MemberService members, HttpContext http) =>
        await members.ListAsync(http.User.UserId(), id, http.RequestAborted) is { } list
            ? TypedResults.Ok(new MemberListResponse([.. list.Select(MemberResponse.From)]))
            : ApiProblem.NotFound("board");

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> ChangeRoleAsync(
        Guid id, Guid userId, Body<SharingBodies.ChangeRole, SharingBodies.RoleFields> body, MemberService members, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await members.ChangeRoleAsync(http.User.UserId(), id, userId, body.Value.Role, http.RequestAborted);
        return result.IsOk ? TypedResults.Ok(MemberResponse.From(result.Value)) : ApiProblem.ForFailure(result, "member", http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(Guid id, Guid userId, MemberService members, HttpContext http)
    {
        var result = await members.RemoveAsync(http.User.UserId(), id, userId, http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "member", http);
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> TransferAsync(
        Guid id, Body<SharingBodies.TransferBoard, SharingBodies.TransferFields> body, MemberService members, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await members.TransferAsync(http.User.UserId(), id, body.Value.UserId, http.RequestAborted);
        return result.IsOk ? TypedResults.Ok(MemberResponse.From(result.Value)) : ApiProblem.ForFailure(result, "board", http);
    }

    private static async Task<Results<Accepted<InvitationResponse>, ProblemHttpResult>> InviteAsync(
        Guid id, Body<SharingBodies.Invite, SharingBodies.InvitationFields> body, InvitationService invitations, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await invitations.InviteAsync(http.User.UserId(), id, body.Value.Email, body.Value.Role, http.LinkBase(), http.RequestAborted);
        return result.IsOk
            ? TypedResults.Accepted($"/api/boards/{id}/invitations", InvitationResponse.From(result.Value))
            : ApiProblem.ForFailure(result, "board", http);
    }

    private static async Task<Results<Ok<InvitationListResponse>, ProblemHttpResult>> ListBoardInvitationsAsync(Guid id, InvitationService invitations, HttpContext http)
    {
        var result = await invitations.ListForBoardAsync(http.User.UserId(), id, http.RequestAborted);
        return result.IsOk
            ? TypedResults.Ok(new InvitationListResponse([.. result.Value.Select(InvitationResponse.From)]))
            : ApiProblem.ForFailure(result, "board", http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, Guid invitationId, InvitationService invitations, HttpContext http)
    {
        var result = await invitations.RevokeAsync(http.User.UserId(), id, invitationId, http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "invitation", http);
    }

    private static async Task<Results<Ok<InvitationListResponse>, ProblemHttpResult>> ListMineAsync(InvitationService invitations, HttpContext http)
    {
        var mine = await invitations.ListMineAsync(http.User.UserId(), http.RequestAborted);
        return mine.EmailConfirmed
            ? TypedResults.Ok(new InvitationListResponse([.. mine.Items.Select(InvitationResponse.From)]))
            : ApiProblem.Result(StatusCodes.Status403Forbidden, ErrorCodes.EmailNotVerified,
                "Confirm your email address to see the invitations sent to it: open the link we sent you, or ask for a new one.");
    }

    private static async Task<Results<Ok<BoardResponse>, ProblemHttpResult>> AcceptAsync(
        Guid id, Body<SharingBodies.AnswerInvitation, SharingBodies.AnswerFields> body, InvitationService invitations, BoardService boards, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var userId = http.User.UserId();
        var result = await invitations.AcceptAsync(userId, id, body.Value.Token, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "invitation", http);
        }

        return await boards.GetAsync(userId, result.Value, http.RequestAborted) is { } board
            ? TypedResults.Ok(BoardResponse.From(board))
            : ApiProblem.NotFound("board");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeclineAsync(
        Guid id, Body<SharingBodies.AnswerInvitation, SharingBodies.AnswerFields> body, InvitationService invitations, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await invitations.DeclineAsync(http.User.UserId(), id, body.Value.Token, http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "invitation", http);
    }
}
