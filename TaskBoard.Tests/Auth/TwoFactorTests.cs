using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class TwoFactorTests(MailApp app) : IClassFixture<MailApp>
{
    /// <summary>An account with two-factor sign-in turned on over the API: its authenticator key and recovery codes.</summary>
    private async Task<(TestAccount Account, string Key, string[] RecoveryCodes)> EnrolledAsync()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var setup = await (await client.PostAsync("/api/auth/2fa/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/TaskBoard%3A", setup.GetProperty("otpauthUri").GetString());

        var wrong = await client.PostAsJsonAsync("/api/auth/2fa/enable", new { code = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var enabled = await client.PostAsJsonAsync("/api/auth/2fa/enable", new { code = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(10, codes.Distinct().Count());
        return (account, key, codes);
    }

    private async Task<string> MfaTokenAsync(TestAccount account)
    {
        var response = await app.SignInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("mfa_required", body.GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("accessToken", out _));
        return body.GetProperty("mfaToken").GetString()!;
    }

    private async Task<HttpResponseMessage> SecondStepAsync(string mfaToken, string code)
    {
        using var client = app.Client();
        return await client.PostAsJsonAsync("/api/auth/sign-in/2fa", new { mfaToken, code });
    }

    [Fact]
    public async Task WithTwoFactorOnThePasswordAloneGivesNoTokenAndACodeCompletesTheSignIn()
    {
        var (account, key, _) = await EnrolledAsync();
        Assert.Equal("Two-factor sign-in is now on for your TaskBoard account",
            (await app.Smtp.WaitForAsync(account.Email, m => m.Subject?.StartsWith("Two-factor", StringComparison.Ordinal) == true)).Subject);

        var mfaToken = await MfaTokenAsync(account);
        var signedIn = await SecondStepAsync(mfaToken, Totp.Code(key));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var token = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        Assert.Equal((200, null), await app.SessionStatusAsync(token));

        // The step's token is single-use.
        Assert.Equal("mfa_expired", await Problems.CodeAsync(await SecondStepAsync(mfaToken, Totp.Code(key))));
    }

    [Fact]
    public async Task ARecoveryCodeWorksOnceAndWrongCodesCountTowardsTheThrottle()
    {
        var (account, _, codes) = await EnrolledAsync();

        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(await MfaTokenAsync(account), codes[0])).StatusCode);
        Assert.Equal("invalid_code", await Problems.CodeAsync(await SecondStepAsync(await MfaTokenAsync(account), codes[0])));

        // The password each time, then wrong codes: the fifth counted attempt starts the wait.
        var mfaToken = await MfaTokenAsync(account);
        var answers = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await Problems.CodeAsync(await SecondStepAsync(mfaToken, "123456")));
        }

        Assert.Contains("account_locked", answers.Concat([await Problems.CodeAsync(await app.SignInAsync(account.Email, account.Password))]));
    }

    [Fact]
    public async Task AnExpiredStepAsksForThePasswordAgain()
    {
        var (account, key, _) = await EnrolledAsync();
        var mfaToken = await MfaTokenAsync(account);
        await using (var db = await app.Database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = {account.UserId}");
        }

        Assert.Equal("mfa_expired", await Problems.CodeAsync(await SecondStepAsync(mfaToken, Totp.Code(key))));
    }

    [Fact]
    public async Task NoEndpointGivesAPasswordOnlyTokenOrCookie()
    {
        var (account, _, _) = await EnrolledAsync();

        await MfaTokenAsync(account);
        using var browser = app.BrowserClient();
        var form = await BrowserForms.SignInAsync(browser, new Uri("/signin", UriKind.Relative), account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/signin/two-factor", form.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain(form.Headers.GetValues("Set-Cookie"), c => c.Contains("taskboard.session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode); // not signed in
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync("/api/auth/sign-up",
            new { email = account.Email, password = account.Password, name = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/sign-in/2fa", new { mfaToken = "", code = "123456" })).StatusCode);
    }

    [Fact]
    public async Task TheBrowserFormsAskForTheCodeAsASecondStep()
    {
        var (account, key, _) = await EnrolledAsync();
        using var browser = app.BrowserClient();
        var signIn = await BrowserForms.SignInAsync(browser, new Uri("/signin?returnUrl=%2Faccount", UriKind.Relative), account.Email, account.Password);
        var step = new Uri(signIn.Headers.Location!.PathAndQuery, UriKind.Relative);

        var wrong = await BrowserForms.PostAsync(browser, step, "two-factor", new() { ["Input.Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.StartsWith("That code is not right.", BrowserForms.Error(await wrong.Content.ReadAsStringAsync()));

        var right = await BrowserForms.PostAsync(browser, step, "two-factor", new() { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal($"{MailApp.PublicUrl}/account", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task TurningItOffNeedsACodeOrThePasswordThenThePasswordIsEnoughAgain()
    {
        var (account, key, _) = await EnrolledAsync();
        using var client = app.Client(account.Token);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/auth/2fa/disable", new { code = "not the password" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/2fa/disable", new { code = Totp.Code(key) })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "Two-factor sign-in was turned off for your TaskBoard account");
    }

    [Fact]
    public async Task NewRecoveryCodesReplaceTheOldOnes()
    {
        var (account, key, old) = await EnrolledAsync();
        using var client = app.Client(account.Token);

        var response = await client.PostAsJsonAsync("/api/auth/2fa/recovery-codes", new { code = Totp.Code(key) });
        var fresh = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();

        Assert.Equal("invalid_code", await Problems.CodeAsync(await SecondStepAsync(await MfaTokenAsync(account), old[1])));
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(await MfaTokenAsync(account), fresh[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/auth/2fa/setup", null)).StatusCode);
    }
}
