using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Auth;

public static class SessionEndpoints
{
    /// <summary><c>/api/sessions</c> and <c>/api/tokens</c>: the caller's own sessions and personal access tokens.</summary>
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").WithTags("Sessions")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit().RequireScope(Scopes.Account);
        group.MapGet("/sessions", ListAsync).WithName("listSessions")
            .WithSummary("List your sessions and tokens")
            .WithDescription("Your active sign-in sessions and personal access tokens; the one in use is flagged current.");
        group.MapGet("/sessions/{id:guid}", GetAsync).WithName("getSession")
            .WithSummary("Get a session or token")
            .WithDescription("One of your sessions or tokens.")
            .Problems(StatusCodes.Status404NotFound);
        group.MapDelete("/sessions/{id:guid}", RevokeAsync).WithName("revokeSession")
            .WithSummary("Revoke a session or token")
            .WithDescription("It stops working at once.")
            .Problems(StatusCodes.Status404NotFound);
        group.MapPost("/tokens", CreateTokenAsync).WithName("createToken")
            .WithSummary("Create a personal access token")
            .WithDescription("A named token, shown once, with scopes (default tasks:read and tasks:write). " +
                "It can neither outlive nor do more than the token that creates it.")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.Location);
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

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateTokenAsync(
        CreateTokenRequest request, PersonalAccessTokens tokens, HttpContext http)
    {
        // The calling token's own limits: its expiry (exp is its session's) and its scopes.
        var parent = new TokenParent(
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(http.User.FindFirstValue(JwtRegisteredClaimNames.Exp)!, CultureInfo.InvariantCulture)).UtcDateTime,
            Scopes.Parse(http.User.FindFirstValue(Scopes.ClaimType)));
        var (created, errors) = await tokens.CreateAsync(
            http.User.UserId(), request.Name, request.ExpiresInDays, request.Scopes, parent, http.Client(), http.RequestAborted);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        return created is null
            ? ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.SessionRevoked)
            : TypedResults.Created(
                $"/api/sessions/{created.Session.Id}",
                new CreatedTokenResponse(created.Token, SessionResponse.From(created.Session, http.User.SessionId())));
    }
}
