using System.Net.Http.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Board;

public sealed class BoardTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page this class visits must load and run without a Content-Security-Policy violation.</summary>
    public void Dispose() => browserApp.AssertNoCspViolations();

    private static string NewEmail() => AccountPages.NewEmail();

    private async Task<(IPage Page, BoardPage Board)> SignedUpAsync(int width = 1280, int height = 800)
    {
        var page = await browserApp.NewPageAsync(width, height);
        await new AccountPages(page).SignUpAsync("Board Tester", NewEmail(), AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        return (page, board);
    }

    [Fact]
    public async Task SignUpLandsOnTheBoardWhereQuickAddCompleteAndDeleteWithUndoWork()
    {
        var (page, board) = await SignedUpAsync();
        await Assertions.Expect(page.Locator(".tb-empty")).ToHaveCountAsync(3);

        await board.QuickAddAsync("To do", "Buy milk");
        await board.QuickAddAsync("To do", "Write the report");
        await board.QuickAddAsync("In progress", "Fix the bike");
        Assert.Equal(["Buy milk", "Write the report"], await board.TitlesAsync("To do"));

        await board.Card("Buy milk").Locator(".tb-complete input").ClickAsync();
        await Assertions.Expect(board.Column("Done").Locator(".tb-card")).ToHaveCountAsync(1);
        Assert.Equal(["Buy milk"], await board.TitlesAsync("Done"));

        await board.Card("Write the report").Locator(".tb-delete").ClickAsync();
        await Assertions.Expect(board.Card("Write the report")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(board.Column("To do").Locator(".tb-card").Filter(new() { HasText = "Write the report" })).ToHaveCountAsync(1);

        await page.ReloadAsync();
        await board.WaitReadyAsync();
        Assert.Equal(["Write the report"], await board.TitlesAsync("To do"));
        Assert.Equal(["Fix the bike"], await board.TitlesAsync("In progress"));
        Assert.Equal(["Buy milk"], await board.TitlesAsync("Done"));
        await BrowserApp.ScreenshotAsync(page, "board-desktop");
    }

    [Fact]
    public async Task DraggingMovesACardToAnotherColumnAndReordersWithinOneAndBothSurviveAReload()
    {
        var (page, board) = await SignedUpAsync();
        foreach (var title in new[] { "first", "second", "third" })
        {
            await board.QuickAddAsync("To do", title);
        }

        await board.QuickAddAsync("In progress", "already started");

        await board.DragUntilAsync(board.Card("second"), board.Column("In progress").Locator(".tb-zone"),
            async () => (await board.TitlesAsync("In progress")).Contains("second"));
        await Assertions.Expect(board.Column("In progress").Locator(".tb-card")).ToHaveCountAsync(2);

        await board.DragUntilAsync(board.Card("third"), board.Card("first"),
            async () => (await board.TitlesAsync("To do")) is ["third", ..], offsetY: 4);
        await Assertions.Expect(board.Column("To do").Locator(".tb-card-title").First).ToHaveTextAsync("third");

        await page.ReloadAsync();
        await board.WaitReadyAsync();
        Assert.Equal(["third", "first"], await board.TitlesAsync("To do"));
        Assert.Contains("second", await board.TitlesAsync("In progress"));
    }

    [Fact]
    public async Task TheEditDialogValidatesSavesEveryFieldAndReportsAStaleEdit()
    {
        var email = NewEmail();
        var page = await browserApp.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Editor", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "Draft");

        await board.Card("Draft").Locator(".tb-card-title").ClickAsync();
        // The dialog has finished opening once it has taken the focus; typing before that can be lost under load.
        await Assertions.Expect(page.Locator(".mud-dialog :focus")).ToHaveCountAsync(1);
        await page.FillAsync("#tb-edit-title", "");
        await page.ClickAsync("#tb-edit-save");
        await Assertions.Expect(page.GetByText("Title is required.")).ToBeVisibleAsync();

        await page.FillAsync("#tb-edit-title", "Final plan");
        await page.FillAsync("#tb-edit-description", "Line one\nLine two");
        await page.FillAsync("#tb-edit-tags", "work, q1, work");
        await page.FillAsync("#tb-edit-due", "2030-01-15");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("#tb-edit-save");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var card = board.Card("Final plan");
        await Assertions.Expect(card).ToContainTextAsync("15 Jan 2030");
        await Assertions.Expect(card).ToContainTextAsync("q1");

        // The same user changes the task in another browser while this one has the dialog open.
        await card.Locator(".tb-card-title").ClickAsync();
        await page.FillAsync("#tb-edit-title", "My version");
        var other = await browserApp.NewPageAsync();
        await new AccountPages(other).SignInAsync(email, AccountPages.Password);
        var otherBoard = new BoardPage(other);
        await otherBoard.WaitReadyAsync();
        await otherBoard.Card("Final plan").Locator(".tb-card-title").ClickAsync();
        await other.FillAsync("#tb-edit-title", "Their version");
        await other.ClickAsync("#tb-edit-save");
        await Assertions.Expect(otherBoard.Card("Their version")).ToHaveCountAsync(1);

        await page.ClickAsync("#tb-edit-save");
        await Assertions.Expect(page.Locator("#tb-edit-conflict")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Load the latest" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tb-edit-title")).ToHaveValueAsync("Their version");
        await page.ClickAsync("#tb-edit-save");

        await page.ReloadAsync();
        await board.WaitReadyAsync();
        Assert.Equal(["Their version"], await board.TitlesAsync("To do"));
    }

    [Fact]
    public async Task SearchTagAndDueFiltersNarrowTheBoardAndSlashFocusesSearch()
    {
        var (page, board) = await SignedUpAsync();
        foreach (var title in new[] { "alpha report", "beta errand", "gamma report" })
        {
            await board.QuickAddAsync("To do", title);
        }

        await board.SearchAsync("report");
        await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(2);
        Assert.Equal(["alpha report", "gamma report"], await board.TitlesAsync("To do"));

        await board.SearchAsync("");
        await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(3);

        // Tag one card in the dialog, then filter by that tag.
        await board.Card("beta errand").Locator(".tb-card-title").ClickAsync();
        await page.FillAsync("#tb-edit-tags", "home");
        await page.FillAsync("#tb-edit-due", "2031-02-03");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("#tb-edit-save");
        await Assertions.Expect(board.Card("beta errand")).ToContainTextAsync("home");
        await page.FillAsync("#tb-filter-tag", "home");
        await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(1);
        Assert.Equal(["beta errand"], await board.TitlesAsync("To do"));
        await page.FillAsync("#tb-filter-tag", "");
        await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(3);

        // The due filter: only the cards without a due date.
        await page.Locator(".mud-select").Filter(new() { Has = page.Locator("#tb-filter-due") }).Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "No due date" }).ClickAsync();
        await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(2);
        Assert.DoesNotContain("beta errand", await board.TitlesAsync("To do"));

        // "/" jumps to the search box from anywhere on the board.
        await page.Locator("h1, .mud-typography-h4").First.ClickAsync();
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("#tb-search")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task ATitleThatLooksLikeHtmlRendersAsText()
    {
        var (page, board) = await SignedUpAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await board.QuickAddAsync("To do", "<img src=x onerror=alert(1)>");

        Assert.Equal(["<img src=x onerror=alert(1)>"], await board.TitlesAsync("To do"));
        Assert.Equal(0, await board.Column("To do").Locator(".tb-card img").CountAsync());
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task ABigColumnShowsAPageAtATimeAndANewCardStaysInView()
    {
        var email = NewEmail();
        var page = await browserApp.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Big Board", email, AccountPages.Password);
        using var api = new HttpClient { BaseAddress = browserApp.BaseAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AccountPages.Password });
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        for (var i = 1; i <= 60; i++)
        {
            (await api.PostAsJsonAsync("/api/tasks", new { title = $"Bulk {i:D2}" })).EnsureSuccessStatusCode();
        }

        var board = new BoardPage(page);
        await page.ReloadAsync();
        await board.WaitReadyAsync();
        var todo = board.Column("To do");
        await Assertions.Expect(todo.Locator(".tb-card")).ToHaveCountAsync(50);
        await Assertions.Expect(todo.Locator(".tb-show-more")).ToContainTextAsync("Show 10 more (50 of 60 shown)");

        await board.QuickAddAsync("To do", "Added to a long column");
        Assert.Equal("Added to a long column", (await board.TitlesAsync("To do"))[0]);
        await Assertions.Expect(todo.Locator(".tb-count")).ToHaveTextAsync("61");
        await Assertions.Expect(todo.Locator(".tb-show-more")).ToContainTextAsync("Show 11 more (50 of 61 shown)");

        await todo.Locator(".tb-show-more").ClickAsync();
        await Assertions.Expect(todo.Locator(".tb-card")).ToHaveCountAsync(61);
        await Assertions.Expect(todo.Locator(".tb-show-more")).ToHaveCountAsync(0);
        Assert.Equal("Bulk 60", (await board.TitlesAsync("To do"))[^1]);
    }

    [Fact]
    public async Task ASecondUserSeesNoneOfTheFirstUsersTasks()
    {
        var (_, first) = await SignedUpAsync();
        await first.QuickAddAsync("To do", "first user's secret plan");

        var (secondPage, second) = await SignedUpAsync();
        await second.SearchAsync("secret");

        await Assertions.Expect(secondPage.Locator(".tb-card")).ToHaveCountAsync(0);
        Assert.Equal(0, await secondPage.GetByText("first user's secret plan").CountAsync());
    }

    [Fact]
    public async Task TheBoardWorksOnAPhoneSizedScreen()
    {
        var (page, board) = await SignedUpAsync(390, 844);

        await board.QuickAddAsync("To do", "Call the plumber");
        await board.QuickAddAsync("In progress", "Pay rent");
        await Assertions.Expect(board.Column("To do").Locator(".tb-count")).ToHaveTextAsync("1");
        await Assertions.Expect(board.Column("To do").Locator(".tb-empty")).ToHaveCountAsync(0);

        // Columns stack: each uses the full width of the screen.
        var box = await board.Column("To do").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 300, 390);
        await BrowserApp.ScreenshotAsync(page, "board-phone");
    }
}
