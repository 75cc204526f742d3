using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Auth;

public static class SessionEndpoints
{
    public const int MaxTokenDays = 365;

    /// <summary><c>/api/sessions</c> and <c>/api/tokens</c>: the caller's own sessions and personal access tokens.</summary>
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").WithTags("Sessions")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequireRateLimiting(RateLimits.ApiPolicy);
        group.MapGet("/sessions", ListAsync).WithSummary("Your active sessions and tokens; the one in use is flagged current");
        group.MapGet("/sessions/{id:guid}", GetAsync).WithSummary("One of your sessions or tokens");
        group.MapDelete("/sessions/{id:guid}", RevokeAsync).WithSummary("Revoke one of your sessions or tokens");
        group.MapPost("/tokens", CreateTokenAsync).WithSummary("Create a named personal access token (shown once)");
        return group;
    }

    private static async Task<Ok<SessionResponse[]>> ListAsync(SessionService sessions, HttpContext http)
    {
        var current = http.User.SessionId();
        var list = await sessions.ListActiveAsync(http.User.UserId(), http.RequestAborted);
        return TypedResults.Ok(list.Select(s => SessionResponse.From(s, current)).ToArray());
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetAsync(Guid id, SessionService sessions, HttpContext http)
    {
        var session = await sessions.GetAsync(http.User.UserId(), id, http.RequestAborted);
        return session is null
            ? ApiProblem.Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound)
            : TypedResults.Ok(SessionResponse.From(session, http.User.SessionId()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, SessionService sessions, HttpContext http)
    {
        var userId = http.User.UserId();
        var session = await sessions.GetAsync(userId, id, http.RequestAborted);
        var auditKind = session?.Kind == SessionKind.Token ? AuditKinds.TokenRevoked : AuditKinds.SessionRevoked;
        return session is not null && await sessions.RevokeAsync(userId, id, auditKind, http.Client(), http.RequestAborted)
            ? TypedResults.NoContent()
            : ApiProblem.Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult>> CreateTokenAsync(
        CreateTokenRequest request, SessionService sessions, UserManager<AppUser> users, TokenIssuer tokens, AuditLog audit,
        JwtSettings jwt, HttpContext http)
    {
        var maxDays = Math.Min(MaxTokenDays, (int)jwt.MaxLifetime.TotalDays);
        var errors = new Dictionary<string, string[]>();
        if (TaskValidator.CheckText("Name", request.Name, AuthSession.NameMaxLength, required: true, multiline: false) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (request.ExpiresInDays is not { } days || days < 1 || days > maxDays)
        {
            errors["expiresInDays"] = [$"Choose an expiry between 1 and {maxDays} days."];
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var user = await users.FindByIdAsync(http.User.UserId().ToString());
        if (user is null)
        {
            return ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.SessionRevoked);
        }

        var client = http.Client();
        var session = await sessions.CreateAsync(
            user.Id, SessionKind.Token, request.Name, TimeSpan.FromDays(request.ExpiresInDays!.Value), client, http.RequestAborted);
        await audit.RecordAsync(AuditKinds.TokenIssued, user.Id, client, $"token session {session.Id}", http.RequestAborted);
        return TypedResults.Created(
            $"/api/sessions/{session.Id}",
            new CreatedTokenResponse(tokens.Issue(user, session), SessionResponse.From(session, http.User.SessionId())));
    }
}
