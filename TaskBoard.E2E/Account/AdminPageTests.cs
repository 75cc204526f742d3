using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Account;

/// <summary>The admin page: only for accounts granted admin from the command line; what it does takes effect at once.</summary>
public sealed class AdminPageTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    public void Dispose() => browserApp.AssertNoCspViolations();

    private async Task<IPage> SignedUpAsync(string email, int width = 1280, int height = 800)
    {
        var page = await browserApp.NewPageAsync(width, height);
        await new AccountPages(page).SignUpAsync("Admin Tester", email, AccountPages.Password);
        await new BoardPage(page).WaitReadyAsync();
        return page;
    }

    private static async Task<IPage> OpenAdminAsync(IPage page)
    {
        var response = await page.GotoAsync("/admin");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Administration");
        return page;
    }

    [Fact]
    public async Task ANonAdminGets404AndAnAdminDisablesAnAccountWhoseTokenStopsAtOnce()
    {
        var adminEmail = AccountPages.NewEmail();
        var userEmail = AccountPages.NewEmail();
        var admin = await SignedUpAsync(adminEmail);
        var user = await SignedUpAsync(userEmail);
        using var userApi = await browserApp.ApiClientAsync(userEmail);

        // Not an admin (yet): /admin is a page that does not exist, for the request and in the app.
        Assert.Equal((int)HttpStatusCode.NotFound, (await admin.GotoAsync("/admin"))!.Status);
        Assert.Equal((int)HttpStatusCode.NotFound, (await user.GotoAsync("/admin"))!.Status);

        var (code, output) = await browserApp.AdminAsync("grant-admin", "--email", adminEmail);
        Assert.True(code == 0, output);
        await OpenAdminAsync(admin);
        await Assertions.Expect(admin.Locator(".tb-admin-figures li")).ToHaveCountAsync(5);

        await admin.Locator("#tb-admin-search").FillAsync(userEmail);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var row = admin.Locator(".tb-admin-user");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".tb-admin-state")).ToHaveTextAsync("active");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Manage {userEmail}" }).ClickAsync();
        var account = admin.Locator("#tb-admin-account");
        await Assertions.Expect(account.Locator(".tb-session")).ToHaveCountAsync(2); // the browser and the API sign-in

        await account.GetByRole(AriaRole.Button, new() { Name = "Disable account" }).ClickAsync();

        await Assertions.Expect(row.Locator(".tb-admin-state")).ToHaveTextAsync("disabled");
        await Assertions.Expect(account.Locator(".tb-session")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await userApi.GetAsync("/api/auth/session")).StatusCode);
        await Assertions.Expect(admin.Locator(".tb-activity-row").First).ToContainTextAsync("Account disabled by an administrator");
        await user.GotoAsync("/");
        Assert.Equal("/signin", new Uri(user.Url).AbsolutePath);
        await BrowserApp.ScreenshotAsync(admin, "admin-desktop");

        await account.GetByRole(AriaRole.Button, new() { Name = "Enable account" }).ClickAsync();
        await Assertions.Expect(row.Locator(".tb-admin-state")).ToHaveTextAsync("active");

        // Pausing password sign-ins (suspected guessing) refuses the right password too, until unlocked.
        await account.GetByRole(AriaRole.Button, new() { Name = "Pause password sign-ins" }).ClickAsync();
        await Assertions.Expect(row.Locator(".tb-admin-state")).ToHaveTextAsync("paused");
        using (var stranger = new HttpClient { BaseAddress = browserApp.BaseAddress })
        {
            var paused = await stranger.PostAsJsonAsync("/api/auth/sign-in", new { email = userEmail, password = AccountPages.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, paused.StatusCode);
            Assert.Contains("account_locked", await paused.Content.ReadAsStringAsync());
        }

        await account.GetByRole(AriaRole.Button, new() { Name = "Unlock password sign-ins" }).ClickAsync();
        await Assertions.Expect(row.Locator(".tb-admin-state")).ToHaveTextAsync("active");
        await new AccountPages(user).SignInAsync(userEmail, AccountPages.Password);
        await new BoardPage(user).WaitReadyAsync();

        // Revoked from the command line: the next action on the open admin page finds the door shut.
        Assert.Equal(0, (await browserApp.AdminAsync("revoke-admin", "--email", adminEmail)).ExitCode);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Not found");
    }

    [Fact]
    public async Task OnAPhoneTheAccountsTableScrollsAndTheFiguresWrap()
    {
        var email = AccountPages.NewEmail();
        var phone = await SignedUpAsync(email, 390, 844);
        Assert.Equal(0, (await browserApp.AdminAsync("grant-admin", "--email", email)).ExitCode);

        await OpenAdminAsync(phone);

        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px screen");
        await BrowserApp.ScreenshotAsync(phone, "admin-phone");
    }
}
