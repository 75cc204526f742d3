using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;

namespace TaskBoard.Web.Account;

/// <summary>
/// The browser behind one circuit (or one static page): where it connected from, for the audit
/// trail, and a fresh check of its sign-in before every write. The periodic revalidation signs an
/// open circuit out within seconds; this closes the seconds in between, so nothing is written after
/// a session has been revoked.
/// </summary>
public sealed class CircuitSession(AuthenticationStateProvider authentication, SessionService sessions)
{
    /// <summary>The address and user agent of the request that rendered the page.</summary>
    public ClientInfo Client { get; private set; } = ClientInfo.Unknown;

    internal void Connected(ClientInfo client) => Client = client;

    /// <summary>
    /// The signed-in user and session when the sign-in still holds. When it has ended, the circuit
    /// is signed out at once (its pages and dialogs close) and the answer is null.
    /// </summary>
    public async Task<(Guid UserId, Guid SessionId)?> CheckAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (BrowserAuth.SessionOf(state.User) is not { } session)
        {
            return null;
        }

        if ((await sessions.CheckAsync(session.SessionId, session.UserId, cancellationToken)).IsValid)
        {
            return session;
        }

        if (authentication is ServerAuthenticationStateProvider server)
        {
            server.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }

        return null;
    }
}
