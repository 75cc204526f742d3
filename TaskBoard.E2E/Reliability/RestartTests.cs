using System.Net;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Reliability;

public sealed class RestartApp : BrowserApp;

/// <summary>Credentials outlive the process: keys and sessions are in the database, not in memory.</summary>
public sealed class RestartTests(RestartApp app) : IClassFixture<RestartApp>, IDisposable
{
    public void Dispose() => app.AssertNoCspViolations();

    [Fact]
    public async Task CookiesAndTokensIssuedBeforeARestartStillWorkAfterIt()
    {
        var email = AccountPages.NewEmail();
        var page = await app.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Restart Tester", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "Survives the restart");
        using var api = await app.ApiClientAsync(email);

        await app.RestartAsync();

        await page.ReloadAsync();
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Card("Survives the restart")).ToBeVisibleAsync();
        await board.QuickAddAsync("To do", "Added after the restart");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/session")).StatusCode);
    }

    [Fact]
    public async Task ACookieCapturedBeforeSignOutGetsTheSignInPageWhenReplayed()
    {
        var page = await app.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Replay Tester", AccountPages.NewEmail(), AccountPages.Password);
        await new BoardPage(page).WaitReadyAsync();
        var captured = await page.Context.CookiesAsync();
        Assert.Contains(captured, c => c.Name == "taskboard.session");

        await new AccountPages(page).SignOutAsync();

        var replay = await app.NewPageAsync();
        await replay.Context.AddCookiesAsync(captured.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await replay.GotoAsync("/");
        await replay.WaitForURLAsync("**/signin**");
        await Assertions.Expect(replay.Locator("#sign-in")).ToBeVisibleAsync();
        await Assertions.Expect(replay.Locator(".tb-card")).ToHaveCountAsync(0);
    }
}
