using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Account;

/// <summary>The <c>Auth:Browser</c> configuration section.</summary>
public sealed class BrowserSignInOptions
{
    public const string Section = "Auth:Browser";

    /// <summary>How long a browser sign-in lasts before signing in again is required.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>
/// Browser sign-in: an HttpOnly cookie whose principal names an <c>auth_session</c> row, checked on
/// every request (cached briefly), so signing out or revoking the session ends the cookie server-side.
/// </summary>
public static class BrowserAuth
{
    public const string Scheme = "TaskBoard.Cookie";
    public const string CookieName = "taskboard.session";
    public const string AntiforgeryCookieName = "taskboard.antiforgery";
    public const string SignInPath = "/signin";

    public static WebApplicationBuilder AddBrowserAuth(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var options = Data.Settings.AddSettings<BrowserSignInOptions>(builder.Services, builder.Configuration, BrowserSignInOptions.Section, o =>
            o.Lifetime > TimeSpan.Zero ? [] : [$"{BrowserSignInOptions.Section}:Lifetime must be positive."]);
        // Secure whenever the request is HTTPS (the default never is); over HTTPS both cookies get the __Host- prefix (HostCookies).
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddScoped<CookieEvents>();
        authentication.AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.ExpireTimeSpan = options.Lifetime;
            cookie.SlidingExpiration = false;
            cookie.EventsType = typeof(CookieEvents);
        });

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        builder.Services.AddScoped<CircuitSession>();
        builder.Services.AddScoped<BrowserSignIn>();
        return builder;
    }

    public static ClaimsPrincipal Principal(AppUser user, AuthSession session) => new(new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
            new Claim(JwtRegisteredClaimNames.Email, user.Email ?? ""),
            new Claim(JwtRegisteredClaimNames.Name, user.DisplayName),
            new Claim(JwtRegisteredClaimNames.Sid, session.Id.ToString()),
        ],
        Scheme,
        JwtRegisteredClaimNames.Name,
        null));

    /// <summary>The browser's session cookie for a new session; it lasts as long as the session.</summary>
    public static Task IssueCookieAsync(HttpContext http, AppUser user, AuthSession session) =>
        http.SignInAsync(Scheme, Principal(user, session), new AuthenticationProperties { IsPersistent = true, ExpiresUtc = session.ExpiresAt });

    /// <summary>The session of a signed-in principal, or null when it does not name one.</summary>
    public static (Guid UserId, Guid SessionId)? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(JwtRegisteredClaimNames.Sub), out var userId)
        && Guid.TryParse(principal?.FindFirstValue(JwtRegisteredClaimNames.Sid), out var sessionId)
            ? (userId, sessionId)
            : null;

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a plain path on this site: it starts with one '/' (not '//'),
    /// and holds only visible ASCII without a backslash, so it can stand in a <c>Location</c> header as it is.
    /// Anything else (another site, a non-ASCII or otherwise odd value) leads to the board.
    /// </summary>
    public static string LocalUrl(string? returnUrl) =>
        returnUrl is ['/', ..] && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && returnUrl.All(c => c is > ' ' and <= '~' and not '\\')
            ? returnUrl
            : "/";
}

/// <summary>Refuses a cookie whose session was revoked or expired, or whose user was deleted.</summary>
internal sealed class CookieEvents(SessionService sessions) : CookieAuthenticationEvents
{
    /// <summary>
    /// The sign-in form redirects to its (checked) return address itself; the handler would otherwise
    /// redirect to the raw query value first.
    /// </summary>
    public override Task RedirectToReturnUrl(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = BrowserAuth.SessionOf(context.Principal);
        if (session is null
            || !(await sessions.CheckAsync(session.Value.SessionId, session.Value.UserId, context.HttpContext.RequestAborted)).IsValid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(BrowserAuth.Scheme);
        }
    }
}
