using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Reliability;

/// <summary>The app logging everything it can (Verbose, framework included) to its console, and sending real email.</summary>
public sealed class VerboseApp : MailBrowserApp
{
    public string JwtSecret => Settings["Auth__Jwt__Secret"];

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["Serilog__MinimumLevel__Default"] = "Verbose";
        settings["Serilog__MinimumLevel__Override__Microsoft"] = "Verbose";
        settings["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Verbose";
        settings["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore"] = "Verbose";
        settings["Serilog__MinimumLevel__Override__System"] = "Verbose";
    }
}

/// <summary>Everything a person does in the browser and a script does with the API, and nothing secret in the log.</summary>
public sealed class LogSecrecyTests(VerboseApp app) : IClassFixture<VerboseApp>, IDisposable
{
    private const string NewPassword = "another long e2e passphrase";
    private const string ResetPassword = "a password set by an emailed link";

    public void Dispose() => app.AssertNoCspViolations();

    [Fact]
    public async Task AFullFlowLogsNoPasswordTokenCookieOrSecret()
    {
        var email = AccountPages.NewEmail();
        var page = await app.NewPageAsync();
        var account = new AccountPages(page);
        await account.SignUpAsync("Log Reader", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "A task");
        await board.Card("A task").Locator(".tb-complete input").CheckAsync();

        await page.GotoAsync("/account");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.FillAsync("#tb-token-name", "log test");
        await page.ClickAsync("#tb-token-create");
        var personalToken = await page.Locator("#tb-new-token").InnerTextAsync();
        await page.FillAsync("#tb-current-password", AccountPages.Password);
        await page.FillAsync("#tb-new-password", NewPassword);
        await page.ClickAsync("#tb-change-password");
        await Assertions.Expect(page.Locator(".tb-activity")).ToContainTextAsync("Password changed");
        var cookies = await page.Context.CookiesAsync();

        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = NewPassword });
        var accessToken = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "a wrong password guess" });
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", personalToken);
        await api.GetAsync("/api/tasks");

        // Getting back in by email, and two-factor sign-in: the link's token, the authenticator key,
        // the recovery codes, the step token and the code are secrets too.
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        await anonymous.PostAsJsonAsync("/api/auth/forgot-password", new { email });
        var resetToken = SmtpCapture.Token(await app.Smtp.WaitForAsync(email, m => m.Subject == "Reset your TaskBoard password"));
        await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token = resetToken, newPassword = ResetPassword });
        using var signedIn = await app.ApiClientAsync(email, ResetPassword);
        var setup = await (await signedIn.PostAsync("/api/auth/2fa/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        var enabled = await (await signedIn.PostAsJsonAsync("/api/auth/2fa/enable", new { code = Totp.Code(key) })).Content.ReadFromJsonAsync<JsonElement>();
        var recoveryCode = enabled.GetProperty("recoveryCodes")[0].GetString()!;
        var step = await (await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email, password = ResetPassword })).Content.ReadFromJsonAsync<JsonElement>();
        var mfaToken = step.GetProperty("mfaToken").GetString()!;
        Assert.True((await anonymous.PostAsJsonAsync("/api/auth/sign-in/2fa", new { mfaToken, code = recoveryCode })).IsSuccessStatusCode);

        await page.GotoAsync("/signin");
        await account.SubmitSignInAsync(email, ResetPassword);
        await page.WaitForURLAsync("**/signin/two-factor**");
        var code = Totp.Code(key);
        await page.FillAsync("#code", code);
        await page.ClickAsync("#verify-code");
        await board.WaitReadyAsync();

        var log = app.App.Output;
        Assert.Contains("sign_in_succeeded", log, StringComparison.Ordinal);
        Assert.Contains("Executed DbCommand", log, StringComparison.Ordinal);
        var secrets = new Dictionary<string, string>
        {
            ["the first password"] = AccountPages.Password,
            ["the new password"] = NewPassword,
            ["a wrong password"] = "a wrong password guess",
            ["the personal access token"] = personalToken,
            ["the API access token"] = accessToken,
            ["the JWT signing secret"] = app.JwtSecret,
            ["the password set by the reset"] = ResetPassword,
            ["the reset link's token"] = resetToken,
            ["the authenticator key"] = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
            ["a recovery code"] = recoveryCode,
            ["the two-factor step's token"] = mfaToken,
        };
        foreach (var cookie in cookies.Where(c => c.Value.Length >= 16))
        {
            secrets[$"the {cookie.Name} cookie"] = cookie.Value;
        }

        // The theme and the time zone are preferences, not secrets (and "UTC" is in any log).
        foreach (var cookie in (await page.Context.CookiesAsync()).Where(c => c.Name is not ("taskboard.theme" or "taskboard.tz")))
        {
            secrets[$"the new {cookie.Name} cookie"] = cookie.Value;
        }

        Assert.Contains(secrets.Keys, k => k.Contains("taskboard.session", StringComparison.Ordinal));
        foreach (var (name, value) in secrets)
        {
            Assert.False(log.Contains(value, StringComparison.Ordinal), $"The log contains {name}: {LineWith(log, value)}");
            // A JWT's signature is its secret part; a log line with only that still leaks it.
            if (value.Count(c => c == '.') == 2)
            {
                Assert.False(log.Contains(value.Split('.')[2], StringComparison.Ordinal), $"The log contains the signature of {name}: {LineWith(log, value.Split('.')[2])}");
            }
        }
    }

    /// <summary>The first log line that holds <paramref name="secret"/>, with the secret itself blanked out.</summary>
    private static string LineWith(string log, string secret) =>
        log.Split('\n').FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal))?.Replace(secret, "<secret>", StringComparison.Ordinal) ?? "";
}
