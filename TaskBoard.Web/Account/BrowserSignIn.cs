using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
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
    public TimeSpan Lifetime => options.Lifetime;

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
        await http.SignInAsync(BrowserAuth.Scheme, BrowserAuth.Principal(user, session),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = session.ExpiresAt });
        navigation.NavigateTo(BrowserAuth.LocalUrl(returnUrl));
    }
}
