using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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
        await board.QuickAddAsync("todo", "Survives the restart");
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AccountPages.Password });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        await app.RestartAsync();

        await page.ReloadAsync();
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Card("Survives the restart")).ToBeVisibleAsync();
        await board.QuickAddAsync("todo", "Added after the restart");
        using var after = new HttpClient { BaseAddress = app.BaseAddress };
        after.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/auth/session")).StatusCode);
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
