using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Account;

public sealed class AccountFlowTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page this class visits must load and run without a Content-Security-Policy violation.</summary>
    public void Dispose() => browserApp.AssertNoCspViolations();

    private const string Password = AccountPages.Password;

    private static string NewEmail() => AccountPages.NewEmail();

    [Fact]
    public async Task AfterSignOutTheBoardSendsYouToSignInAndBackAfterSigningIn()
    {
        var page = await browserApp.NewPageAsync();
        var account = new AccountPages(page);
        var email = NewEmail();
        await account.SignUpAsync("Flow Tester", email, Password);
        await new BoardPage(page).WaitReadyAsync();

        await account.SignOutAsync();
        await page.GotoAsync("/");

        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal("/", System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["returnUrl"]);
        await account.SubmitSignInAsync(email, Password);
        await new BoardPage(page).WaitReadyAsync();
    }

    [Fact]
    public async Task ASignedInVisitorToSignInGoesToTheBoardAndForeignReturnUrlsAreIgnored()
    {
        var page = await browserApp.NewPageAsync();
        var account = new AccountPages(page);
        var email = NewEmail();
        await account.SignUpAsync("Return Tester", email, Password, returnUrl: "//evil.example/steal");
        await new BoardPage(page).WaitReadyAsync();
        Assert.Equal(browserApp.BaseAddress.Host, new Uri(page.Url).Host);

        await page.GotoAsync("/signin");
        await new BoardPage(page).WaitReadyAsync();
    }

    [Fact]
    public async Task AWrongPasswordIsExplainedAndTheSixthAttemptSaysTheAccountIsLocked()
    {
        var page = await browserApp.NewPageAsync();
        var account = new AccountPages(page);
        var email = NewEmail();
        await account.SignUpAsync("Lockout Tester", email, Password);
        await new BoardPage(page).WaitReadyAsync();
        await account.SignOutAsync();
        await BrowserApp.ScreenshotAsync(page, "signin-desktop");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await account.SignInAsync(email, $"wrong guess {attempt}");
            await Assertions.Expect(account.Error).ToHaveTextAsync("That email and password do not match an account.");
        }

        await account.SignInAsync(email, Password);
        await Assertions.Expect(account.Error).ToContainTextAsync("Too many failed sign-in attempts");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task TheSignInPageFitsAPhone()
    {
        var page = await browserApp.NewPageAsync(390, 844);

        await page.GotoAsync("/signin");

        var form = await page.Locator(".tb-auth").BoundingBoxAsync();
        Assert.NotNull(form);
        Assert.True(form.Width <= 390);
        await BrowserApp.ScreenshotAsync(page, "signin-phone");
    }
}
