using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Web.Api;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Account;

/// <summary>
/// What the static account forms share (the template's IdentityRedirectManager plays this part):
/// leaving a form a signed-in person does not need, the per-IP limit on forms that take a password
/// (the same budget as <c>/api/auth</c>), and the cookie sign-in with its redirect.
/// </summary>
public sealed class BrowserSignIn(NavigationManager navigation, RateLimiters limiters, BrowserSignInOptions options, TimeProvider time)
{
    /// <summary>A random id this browser keeps, so a sign-in from a browser the account has not seen can be told apart.</summary>
    public const string DeviceCookie = "taskboard.device";

    /// <summary>The second step of a two-factor sign-in: the step's token, only for the sign-in pages, for its five minutes.</summary>
    public const string TwoFactorCookie = "taskboard.mfa";

    public const string TwoFactorPath = "/signin/two-factor";

    public TimeSpan Lifetime => options.Lifetime;

    /// <summary>The browser behind a form post: address, user agent, and its device id (given one on its first visit).</summary>
    public static ClientInfo Client(HttpContext http)
    {
        var device = http.Request.Cookies[DeviceCookie];
        if (device is not { Length: 32 } || !device.All(char.IsAsciiHexDigitLower))
        {
            device = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Response.Cookies.Append(DeviceCookie, device, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(400),
                IsEssential = true,
            });
        }

        return new ClientInfo(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), device);
    }

    /// <summary>The password was right and a code is due: keep the step's token in a cookie and go to the code form.</summary>
    public void StartTwoFactor(HttpContext http, string mfaToken, string? returnUrl)
    {
        http.Response.Cookies.Append(TwoFactorCookie, mfaToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = BrowserAuth.SignInPath,
            MaxAge = AccountService.TwoFactorStepLifetime,
        });
        navigation.NavigateTo($"{TwoFactorPath}?returnUrl={Uri.EscapeDataString(BrowserAuth.LocalUrl(returnUrl))}");
    }

    public static string? TwoFactorToken(HttpContext http) => http.Request.Cookies[TwoFactorCookie];

    public static void EndTwoFactor(HttpContext http) =>
        http.Response.Cookies.Delete(TwoFactorCookie, new CookieOptions { Path = BrowserAuth.SignInPath, Secure = http.Request.IsHttps });

    /// <summary>A signed-in person opening a sign-in or sign-up form goes where they were heading.</summary>
    public void LeaveIfSignedIn(HttpContext http, string? returnUrl)
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.User.Identity?.IsAuthenticated == true)
        {
            navigation.NavigateTo(BrowserAuth.LocalUrl(returnUrl));
        }
    }

    /// <summary>
    /// Counts a form post against the per-IP limit. Null when it may go on; otherwise the sentence to
    /// show, with the response already marked 429 and <c>Retry-After</c>.
    /// </summary>
    public string? Throttle(HttpContext http)
    {
        var decision = limiters.Auth.Take(RateLimiters.ClientKey(http));
        if (decision.Allowed)
        {
            return null;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ErrorCodes.MessageWithWait(ErrorCodes.RateLimited, decision.ResetAfter);
    }

    /// <summary>The sentence for a lockout, with how long is left.</summary>
    public string LockedOut(AccountResult result) =>
        ErrorCodes.MessageWithWait(ErrorCodes.AccountLocked, (result.LockedUntil ?? time.GetUtcNow().UtcDateTime) - time.GetUtcNow().UtcDateTime);

    /// <summary>Issues the cookie for the new session and leaves for the (checked) return address.</summary>
    public async Task SignInAsync(HttpContext http, AppUser user, AuthSession session, string? returnUrl)
    {
        await BrowserAuth.IssueCookieAsync(http, user, session);
        navigation.NavigateTo(BrowserAuth.LocalUrl(returnUrl));
    }
}
