using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Accessibility;

/// <summary>
/// axe-core on every page and dialog, in both themes, on a desktop and a phone: no serious or
/// critical violation. The app runs with its real Content-Security-Policy (axe is evaluated by the
/// test driver, which the policy does not block).
/// </summary>
public sealed class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    public void Dispose() => app.AssertNoCspViolations();

    public static TheoryData<string, int, int> Looks() => new()
    {
        { "light", 1280, 800 },
        { "dark", 1280, 800 },
        { "light", 390, 844 },
        { "dark", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task EveryPageAndDialogHasNoSeriousOrCriticalViolation(string theme, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.Context.AddCookiesAsync([new Cookie { Name = "taskboard.theme", Value = theme, Url = app.BaseAddress.ToString() }]);
        var problems = new List<string>();

        await page.GotoAsync("/signin");
        problems.AddRange(await ViolationsAsync(page, "sign-in"));
        await new AccountPages(page).SubmitSignInAsync("nobody@example.com", "not the password");
        await Assertions.Expect(page.Locator("#tb-auth-error")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "sign-in error"));
        await page.GotoAsync("/signup");
        problems.AddRange(await ViolationsAsync(page, "sign-up"));
        await page.GotoAsync("/forgot-password");
        problems.AddRange(await ViolationsAsync(page, "forgot password"));

        var email = AccountPages.NewEmail();
        await new AccountPages(page).SignUpAsync("Axe Tester", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        using (var api = await app.ApiClientAsync(email))
        {
            foreach (var priority in new[] { "none", "low", "medium", "high", "urgent" })
            {
                await api.PostAsJsonAsync("/api/tasks", new { title = $"A {priority} one", priority, tags = new[] { "work" } });
            }

            await api.PostAsJsonAsync("/api/tasks", new { title = "Overdue one", priority = "high", dueDate = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd") });
            await api.PostAsJsonAsync("/api/tasks", new { title = "Finished one", completed = true });
        }

        await page.ReloadAsync();
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Card("Overdue one").Locator(".tb-overdue")).ToContainTextAsync("Overdue");
        problems.AddRange(await ViolationsAsync(page, "board"));
        if (theme == "dark" && width > 1000)
        {
            await BrowserApp.ScreenshotAsync(page, "board-dark");
        }

        await board.Card("Overdue one").Locator(".tb-move button").ClickAsync();
        await Assertions.Expect(page.Locator(".tb-move-to").First).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "move menu"));
        if (theme == "light" && width < 500)
        {
            await BrowserApp.ScreenshotAsync(page, "board-move-phone", fullPage: false);
        }
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator(".tb-move-to:focus")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".tb-move-to")).ToHaveCountAsync(0);

        await board.SearchAsync("matches nothing at all");
        await Assertions.Expect(page.Locator("#tb-no-match")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "no match"));
        await page.ClickAsync("#tb-clear-filters");
        await Assertions.Expect(board.Card("Overdue one")).ToBeVisibleAsync();

        await board.Card("Overdue one").Locator(".tb-card-title").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog #tb-edit-title")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "task dialog"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose the due date" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-picker-calendar-container").First).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "date picker"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-picker-calendar-container")).ToHaveCountAsync(0);
        var dialog = new TaskDialogPage(page);
        await dialog.CommentAsync("Looked at it.");
        problems.AddRange(await ViolationsAsync(page, "task comments"));
        await dialog.TabAsync("Activity");
        await Assertions.Expect(dialog.Activity.First).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "task activity"));
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await page.ClickAsync("#tb-board-switcher button");
        await Assertions.Expect(page.Locator("#tb-new-board")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "board switcher"));
        await page.ClickAsync("#tb-new-board");
        await Assertions.Expect(page.Locator(".mud-dialog #tb-new-board-name")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "new board"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.ClickAsync("#tb-board-settings");
        await Assertions.Expect(page.Locator(".mud-dialog .tb-settings-column")).ToHaveCountAsync(3);
        problems.AddRange(await ViolationsAsync(page, "board settings"));
        if (theme == "light")
        {
            await BrowserApp.ScreenshotAsync(page, width > 1000 ? "board-settings" : "board-settings-phone", fullPage: false);
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var sharing = new SharingPages(page);
        await sharing.OpenMembersAsync();
        await sharing.InviteAsync(AccountPages.NewEmail(), "Viewer");
        problems.AddRange(await ViolationsAsync(page, "members"));
        await sharing.CloseMembersAsync();

        await page.GotoAsync("/invitations");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#tb-invitations-unconfirmed")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "invitations"));

        await page.GotoAsync("/account");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator(".tb-session")).ToHaveCountAsync(2);
        problems.AddRange(await ViolationsAsync(page, "account"));
        await page.FillAsync("#tb-token-name", "axe");
        await page.ClickAsync("#tb-token-create");
        await Assertions.Expect(page.Locator("#tb-token-created")).ToBeVisibleAsync();
        problems.AddRange(await ViolationsAsync(page, "new token"));

        Assert.Equal(0, (await app.AdminAsync("grant-admin", "--email", email)).ExitCode);
        await page.GotoAsync("/admin");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(".tb-admin-user").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#tb-admin-account .tb-session")).ToHaveCountAsync(3);
        problems.AddRange(await ViolationsAsync(page, "admin"));

        Assert.True(problems.Count == 0, $"{theme}, {width}x{height}:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// The serious and critical violations on the page once its transitions have finished (a popover
    /// fading in would otherwise be measured half-transparent), one line each with where they are.
    /// </summary>
    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string what)
    {
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect?.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null)))
            """);
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html} {string.Join(" ", n.Any.Select(c => c.Message))}"))}");
    }
}
