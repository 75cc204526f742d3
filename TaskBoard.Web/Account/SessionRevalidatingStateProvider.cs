using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using TaskBoard.Data.Database;
using TaskBoard.Data.Sessions;

namespace TaskBoard.Web.Account;

/// <summary>
/// Re-checks an open circuit's session every few seconds (from the cache, so cheaply): a revoked
/// session, a changed password or a lockout ends that circuit's authentication within seconds.
/// While the database is unreachable nothing can be revoked, so an open circuit stays signed in
/// (the board shows the outage) instead of being signed out by it.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, SessionService sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (BrowserAuth.SessionOf(authenticationState.User) is not { } session)
        {
            return false;
        }

        try
        {
            return (await sessions.CheckAsync(session.SessionId, session.UserId, cancellationToken)).IsValid;
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            return true;
        }
    }
}
