using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Account;

public static class AccountEndpoints
{
    /// <summary><c>POST /account/sign-out</c>: a form post (with antiforgery) that revokes the browser session.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", SignOutAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SessionService sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        if (BrowserAuth.SessionOf(http.User) is { } session)
        {
            await sessions.RevokeAsync(session.UserId, session.SessionId, AuditKinds.SignOut, http.Client(), http.RequestAborted);
        }

        await http.SignOutAsync(BrowserAuth.Scheme);
        return Results.LocalRedirect(BrowserAuth.SignInPath);
    }
}
