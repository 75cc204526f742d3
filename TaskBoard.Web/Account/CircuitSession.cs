using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using TaskBoard.Data;
using Microsoft.AspNetCore.Components.Server;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Account;

/// <summary>
/// The browser behind one circuit (or one static page): where it connected from, for the audit
/// trail, and a fresh check of its sign-in before every write. The periodic revalidation signs an
/// open circuit out within seconds; this closes the seconds in between, so nothing is written after
/// a session has been revoked.
/// </summary>
public sealed class CircuitSession(
    AuthenticationStateProvider authentication, SessionService sessions, NavigationManager navigation, IOptions<AppOptions> app,
    IServiceScopeFactory scopes)
{
    /// <summary>Where links in emails sent from this page start: App:PublicUrl, or the address the page was opened at.</summary>
    public Uri LinkBase => app.Value.Origin ?? new Uri(navigation.BaseUri);

    /// <summary>
    /// A stand-in for the request the page came from (scheme and host as the browser sees them), for
    /// code that checks an origin against it: the passkey ceremony.
    /// </summary>
    public HttpContext RequestLike(IServiceProvider services)
    {
        var uri = new Uri(navigation.BaseUri);
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Scheme = uri.Scheme;
        http.Request.Host = HostString.FromUriComponent(uri);
        return http;
    }

    /// <summary>The cookie in which app.js keeps the browser's IANA time zone.</summary>
    public const string TimeZoneCookie = "taskboard.tz";

    /// <summary>The address and user agent of the request that rendered the page.</summary>
    public ClientInfo Client { get; private set; } = ClientInfo.Unknown;

    /// <summary>The browser's own time zone, when it said.</summary>
    public string? BrowserTimeZone { get; private set; }

    internal void Connected(ClientInfo client, string? browserTimeZone)
    {
        Client = client;
        BrowserTimeZone = DueDates.FindZone(browserTimeZone)?.Id;
    }

    /// <summary>The zone dates are read in: the one the user chose, else the browser's, else UTC.</summary>
    public TimeZoneInfo Zone(string? chosen) => DueDates.FindZone(chosen) ?? DueDates.FindZone(BrowserTimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>
    /// Runs <paramref name="action"/> with a scoped service (Identity's stores are scoped: a scope per
    /// action, never one held by a circuit for hours), only while the sign-in still holds.
    /// </summary>
    public async Task WithScopedAsync<TService>(Func<TService, Task> action)
        where TService : notnull
    {
        if (await CheckAsync() is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

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
