using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Account;

/// <summary>
/// Signing in with a passkey from the static sign-in page: the options (with the ceremony's state in
/// a protected, short-lived cookie), then a form post with the browser's answer that sets the
/// session cookie. Both check the antiforgery token.
/// </summary>
public static class PasskeyEndpoints
{
    public const string OptionsPath = "/account/passkeys/request-options";
    public const string SignInPath = "/account/passkeys/sign-in";
    private const string StateCookie = "taskboard.passkey";
    private const string StatePurpose = "TaskBoard.Passkeys.AssertionState";

    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(OptionsPath, OptionsAsync).ExcludeFromDescription();
        endpoints.MapPost(SignInPath, SignInAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> OptionsAsync(HttpContext http, IAntiforgery antiforgery, Passkeys passkeys, IDataProtectionProvider protection)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var (options, state) = await passkeys.BeginSignInAsync(http);
        http.Response.Cookies.Append(StateCookie, protection.CreateProtector(StatePurpose).Protect(state), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/account/passkeys",
            MaxAge = TimeSpan.FromMinutes(5),
        });
        return Results.Content(options, "application/json");
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, Passkeys passkeys, IDataProtectionProvider protection, AccountService accounts,
        BrowserSignInOptions browser, string? returnUrl)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var state = Unprotect(protection, http.Request.Cookies[StateCookie]);
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/account/passkeys", Secure = http.Request.IsHttps });
        var user = state is null || form["credential"].ToString() is not { Length: > 0 } credential
            ? null
            : await passkeys.CompleteSignInAsync(credential, state, http);
        if (user is null)
        {
            return Results.LocalRedirect($"{BrowserAuth.SignInPath}?done=passkey-failed&returnUrl={Uri.EscapeDataString(BrowserAuth.LocalUrl(returnUrl))}");
        }

        var result = await accounts.SignInWithPasskeyAsync(user, SessionKind.Browser, browser.Lifetime, BrowserSignIn.Client(http), http.RequestAborted);
        if (!result.Succeeded)
        {
            return Results.LocalRedirect($"{BrowserAuth.SignInPath}?done={(result.Outcome == AccountOutcome.Disabled ? "disabled" : "unverified")}");
        }

        await BrowserAuth.IssueCookieAsync(http, result.User!, result.Session!);
        return Results.LocalRedirect(BrowserAuth.LocalUrl(returnUrl));
    }

    private static string? Unprotect(IDataProtectionProvider protection, string? value)
    {
        try
        {
            return value is null ? null : protection.CreateProtector(StatePurpose).Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
