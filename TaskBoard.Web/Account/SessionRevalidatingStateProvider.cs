using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using TaskBoard.Data.Sessions;

namespace TaskBoard.Web.Account;

/// <summary>
/// Re-checks an open circuit's session every few seconds (from the cache, so cheaply): a revoked
/// session, a changed password or a lockout ends that circuit's authentication within seconds.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, SessionService sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        BrowserAuth.SessionOf(authenticationState.User) is { } session
        && await sessions.CheckAsync(session.SessionId, session.UserId, cancellationToken) == SessionCheck.Valid;
}
