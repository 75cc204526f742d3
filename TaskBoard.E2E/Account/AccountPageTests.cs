using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Account;

public sealed class AccountPageTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page this class visits must load and run without a Content-Security-Policy violation.</summary>
    public void Dispose() => browserApp.AssertNoCspViolations();

    private const string Password = AccountPages.Password;

    private static string NewEmail() => AccountPages.NewEmail();

    private async Task<IPage> SignedUpAsync(string email, int width = 1280, int height = 800)
    {
        var page = await browserApp.NewPageAsync(width, height);
        await new AccountPages(page).SignUpAsync("Account Tester", email, Password);
        await new BoardPage(page).WaitReadyAsync();
        return page;
    }

    /// <summary>The same user signed in from a second, separate browser, on the board.</summary>
    private async Task<IPage> SecondBrowserAsync(string email)
    {
        var page = await browserApp.NewPageAsync();
        await new AccountPages(page).SignInAsync(email, Password);
        await new BoardPage(page).WaitReadyAsync();
        return page;
    }

    private static async Task OpenAccountAsync(IPage page)
    {
        await page.GotoAsync("/account");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator(".tb-session[data-current='true']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task RevokingAnotherSessionSignsThatBrowserOutWithinSeconds()
    {
        var email = NewEmail();
        var first = await SignedUpAsync(email);
        var second = await SecondBrowserAsync(email);

        await OpenAccountAsync(first);
        await Assertions.Expect(first.Locator(".tb-session")).ToHaveCountAsync(2);
        await first.Locator(".tb-session[data-current='false'] .tb-revoke").ClickAsync();
        await Assertions.Expect(first.Locator(".tb-session")).ToHaveCountAsync(1);

        // The other browser's open board notices on its next session check and sends it to sign in.
        await second.WaitForURLAsync("**/signin**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
        await second.GotoAsync("/");
        Assert.Equal("/signin", new Uri(second.Url).AbsolutePath);
        await BrowserApp.ScreenshotAsync(first, "account-desktop");
    }

    [Fact]
    public async Task APersonalAccessTokenMadeHereWorksAgainstTheApiUntilItIsRevoked()
    {
        var page = await SignedUpAsync(NewEmail());
        await new BoardPage(page).QuickAddAsync("To do", "visible to my script");
        await OpenAccountAsync(page);

        await page.FillAsync("#tb-token-name", "nightly script");
        await page.ClickAsync("#tb-token-create");
        var token = await page.Locator("#tb-new-token").InnerTextAsync();
        using var api = new HttpClient { BaseAddress = browserApp.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var tasks = await api.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        Assert.Contains("visible to my script", await tasks.Content.ReadAsStringAsync());

        var tokenRow = page.Locator(".tb-session").Filter(new() { HasText = "nightly script" });
        await Assertions.Expect(tokenRow.Locator(".tb-session-scopes")).ToHaveTextAsync("Scopes: tasks:read, tasks:write");
        // Without the account scope (not ticked by default) the token cannot reach the account.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/sessions")).StatusCode);
        await tokenRow.Locator(".tb-revoke").ClickAsync();
        await Assertions.Expect(tokenRow).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordKeepsThisSessionEndsTheOthersAndShowsInTheActivity()
    {
        var email = NewEmail();
        var first = await SignedUpAsync(email);
        var second = await SecondBrowserAsync(email);
        await OpenAccountAsync(first);

        await first.FillAsync("#tb-current-password", "not my password");
        await first.FillAsync("#tb-new-password", "a different long passphrase");
        await first.ClickAsync("#tb-change-password");
        await Assertions.Expect(first.GetByText("The current password is not correct.")).ToBeVisibleAsync();

        await first.FillAsync("#tb-current-password", Password);
        await first.FillAsync("#tb-new-password", "a different long passphrase");
        await first.ClickAsync("#tb-change-password");
        await Assertions.Expect(first.Locator(".tb-session")).ToHaveCountAsync(1);
        await Assertions.Expect(first.Locator(".tb-activity")).ToContainTextAsync("Password changed");

        await second.WaitForURLAsync("**/signin**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
        await first.GotoAsync("/");
        await new BoardPage(first).WaitReadyAsync();
    }

    [Fact]
    public async Task ATokenGivenTheAccountScopeCanManageTheAccount()
    {
        var page = await SignedUpAsync(NewEmail());
        await OpenAccountAsync(page);

        await page.FillAsync("#tb-token-name", "admin script");
        await page.ClickAsync("#tb-token-scope-account");
        await Assertions.Expect(page.Locator(".tb-scope-warning")).ToBeVisibleAsync();
        await page.ClickAsync("#tb-token-create");
        using var api = new HttpClient { BaseAddress = browserApp.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await page.Locator("#tb-new-token").InnerTextAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task WhatIsDoneOnTheAccountPageIsAuditedWithThisBrowsersAddress()
    {
        var email = NewEmail();
        var first = await SignedUpAsync(email);
        await SecondBrowserAsync(email);
        await OpenAccountAsync(first);

        await first.Locator(".tb-session[data-current='false'] .tb-revoke").ClickAsync();
        await first.FillAsync("#tb-profile-name", "Audited Person");
        await first.ClickAsync("#tb-profile-save");
        await Assertions.Expect(first.GetByText("Saved.")).ToBeVisibleAsync();
        await first.ReloadAsync();
        await first.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        foreach (var kind in new[] { "Session revoked", "Profile changed" })
        {
            var row = first.Locator(".tb-activity li").Filter(new() { HasText = kind });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("127.0.0.1");
            await Assertions.Expect(row).ToContainTextAsync("Chrome");
        }
    }

    [Fact]
    public async Task TheAccountPageFitsAPhoneAndSavesTheDisplayName()
    {
        var page = await SignedUpAsync(NewEmail(), 390, 844);
        await OpenAccountAsync(page);

        await page.FillAsync("#tb-profile-name", "Renamed Person");
        await page.ClickAsync("#tb-profile-save");
        await Assertions.Expect(page.GetByText("Saved.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#tb-profile-name")).ToHaveValueAsync("Renamed Person");
        await BrowserApp.ScreenshotAsync(page, "account-phone");
    }
}
