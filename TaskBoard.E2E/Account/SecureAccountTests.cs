using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Account;

/// <summary>Getting back in by email, two-factor sign-in and passkeys, in Chromium, with the emails a real SMTP server received.</summary>
public sealed class SecureAccountTests(MailBrowserApp app) : IClassFixture<MailBrowserApp>, IDisposable
{
    public void Dispose() => app.AssertNoCspViolations();

    private async Task<(IPage Page, string Email)> SignedUpAsync()
    {
        var email = AccountPages.NewEmail();
        var page = await app.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Secure Tester", email, AccountPages.Password);
        await new BoardPage(page).WaitReadyAsync();
        return (page, email);
    }

    private static async Task OpenAccountAsync(IPage page)
    {
        await page.GotoAsync("/account");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator(".tb-session[data-current='true']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AForgottenPasswordIsResetFromTheEmailAndTheNewOneSignsIn()
    {
        var (first, email) = await SignedUpAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.ClickAsync("#tb-forgot-password");
        await Assertions.Expect(page.Locator("#send-reset-link")).ToBeVisibleAsync();
        await page.FillAsync("#email", email);
        await page.ClickAsync("#send-reset-link");
        await Assertions.Expect(page.Locator("#tb-auth-notice")).ToContainTextAsync("a link to choose a new password is on its way");

        var message = await app.Smtp.WaitForAsync(email, m => m.Subject == "Reset your TaskBoard password");
        await page.GotoAsync(SmtpCapture.Link(message));
        await page.FillAsync("#new-password", "a freshly reset passphrase");
        await page.ClickAsync("#reset-password");
        await Assertions.Expect(page.Locator("#tb-auth-notice")).ToContainTextAsync("Your password was changed");

        await new AccountPages(page).SubmitSignInAsync(email, "a freshly reset passphrase");
        await new BoardPage(page).WaitReadyAsync();
        // The browser that was signed in before the reset is signed out.
        await first.ReloadAsync();
        await first.WaitForURLAsync("**/signin**", new() { WaitUntil = WaitUntilState.Commit });
        // The link worked once.
        await page.GotoAsync(SmtpCapture.Link(message));
        await Assertions.Expect(page.Locator("#tb-link-invalid")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TwoFactorIsSetUpOnTheAccountPageAndThenAsksForACodeAtSignIn()
    {
        var (page, email) = await SignedUpAsync();
        await OpenAccountAsync(page);
        await page.ClickAsync("#tb-two-factor-start");
        await Assertions.Expect(page.Locator("img.tb-qr")).ToBeVisibleAsync();
        var key = await page.Locator("#tb-two-factor-key").InnerTextAsync();
        await page.FillAsync("#tb-two-factor-code", Totp.Code(key));
        await page.ClickAsync("#tb-two-factor-enable");
        await Assertions.Expect(page.Locator("#tb-recovery-codes li")).ToHaveCountAsync(10);
        await BrowserApp.ScreenshotAsync(page, "account-two-factor");
        await page.ClickAsync("#tb-recovery-done");
        await Assertions.Expect(page.Locator("#tb-two-factor")).ToContainTextAsync("10 recovery codes left");

        var other = await app.NewPageAsync();
        await new AccountPages(other).SignInAsync(email, AccountPages.Password);
        await other.WaitForURLAsync("**/signin/two-factor**");
        await other.FillAsync("#code", "000000");
        await other.ClickAsync("#verify-code");
        await Assertions.Expect(other.Locator("#tb-auth-error")).ToContainTextAsync("That code is not right");
        await other.FillAsync("#code", Totp.Code(key));
        await other.ClickAsync("#verify-code");
        await new BoardPage(other).WaitReadyAsync();
    }

    [Fact]
    public async Task APasskeyAddedOnTheAccountPageSignsInWithoutAPassword()
    {
        var (page, email) = await SignedUpAsync();
        // Chromium's virtual authenticator stands in for a phone or a security key: it verifies the user and keeps discoverable credentials.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        await OpenAccountAsync(page);
        await page.FillAsync("#tb-passkey-name", "Test laptop");
        await page.ClickAsync("#tb-passkey-add");
        var row = page.Locator(".tb-passkey-row").Filter(new() { HasText = "Test laptop" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("not used yet");
        await app.Smtp.WaitForAsync(email, m => m.Subject == "A passkey was added to your TaskBoard account");

        await new AccountPages(page).SignOutAsync();
        await page.ClickAsync("#tb-passkey-sign-in");
        await new BoardPage(page).WaitReadyAsync();

        await OpenAccountAsync(page);
        await Assertions.Expect(page.Locator(".tb-passkey-row").Filter(new() { HasText = "Test laptop" })).ToContainTextAsync("last used");
        await Assertions.Expect(page.Locator(".tb-activity")).ToContainTextAsync("Passkey added");
        await BrowserApp.ScreenshotAsync(page, "account-passkeys");
    }
}
