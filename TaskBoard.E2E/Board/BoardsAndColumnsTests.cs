using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Board;

/// <summary>Several boards with columns of their own: made, shaped, used, archived and restored in the browser.</summary>
public sealed class BoardsAndColumnsTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    public void Dispose() => browserApp.AssertNoCspViolations();

    private static ILocator Headings(IPage page) => page.Locator(".tb-column .tb-column-name");

    [Fact]
    public async Task ABoardIsMadeShapedUsedAndKeptApartFromTheOthers()
    {
        var page = await browserApp.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Board Maker", AccountPages.NewEmail(), AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Name).ToHaveTextAsync("My tasks");
        await board.QuickAddAsync("To do", "Personal errand");

        // A new board from the switcher opens at its own address, with the usual columns.
        await page.ClickAsync("#tb-board-switcher button");
        await page.ClickAsync("#tb-new-board");
        await page.FillAsync("#tb-new-board-name", "Launch");
        await page.ClickAsync("#tb-create-board");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/boards/[0-9a-f-]{36}$"));
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Name).ToHaveTextAsync("Launch");
        await Assertions.Expect(Headings(page)).ToHaveTextAsync(["To do", "In progress", "Done"]);
        await Assertions.Expect(board.Card("Personal errand")).ToHaveCountAsync(0);
        var launchUrl = page.Url;

        // Shape it: add, rename, reorder with a button, a WIP limit, and delete a column.
        var settings = new BoardSettingsPage(page);
        await settings.OpenAsync();
        await settings.AddColumnAsync("Review");
        await settings.RenameColumnAsync("In progress", "Building");
        await settings.MoveEarlierAsync("Review");
        await settings.ExpectColumnsAsync("To do", "Building", "Review", "Done");
        // ...and by drag: Done to the top of the list, the left end of the board.
        await board.DragUntilAsync(settings.Column("Done"), settings.Column("To do"), async () => (await settings.NamesAsync())[0] == "Done", offsetY: 4);
        await settings.ExpectColumnsAsync("Done", "To do", "Building", "Review");
        await settings.SetWipLimitAsync("Building", 1);
        await settings.CloseAsync();
        await Assertions.Expect(Headings(page)).ToHaveTextAsync(["Done", "To do", "Building", "Review"]);
        await Assertions.Expect(board.Column("Building").Locator(".tb-count")).ToHaveTextAsync("0 / 1");

        // Cards across the custom columns and back, by drag; a reload keeps where they are.
        await board.QuickAddAsync("To do", "Write the notes");
        await board.QuickAddAsync("To do", "Ship the build");
        await board.DragUntilAsync(board.Card("Write the notes"), board.Column("Review").Locator(".tb-zone"),
            async () => (await board.TitlesAsync("Review")).Contains("Write the notes"));
        await Assertions.Expect(board.Column("Review").Locator(".tb-card")).ToHaveCountAsync(1);
        await board.DragUntilAsync(board.Card("Write the notes"), board.Column("To do").Locator(".tb-zone"),
            async () => (await board.TitlesAsync("To do")).Contains("Write the notes"));
        await Assertions.Expect(board.Column("Review").Locator(".tb-card")).ToHaveCountAsync(0);
        await board.DragUntilAsync(board.Card("Ship the build"), board.Column("Review").Locator(".tb-zone"),
            async () => (await board.TitlesAsync("Review")).Contains("Ship the build"));
        await board.QuickAddAsync("Building", "Paint the sign");
        await board.QuickAddAsync("Building", "Hang the sign");
        await Assertions.Expect(board.Column("Building").Locator(".tb-wip-warning")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await board.WaitReadyAsync();
        Assert.Equal(["Write the notes"], await board.TitlesAsync("To do"));
        Assert.Equal(["Ship the build"], await board.TitlesAsync("Review"));
        Assert.Equal(["Paint the sign", "Hang the sign"], await board.TitlesAsync("Building"));
        await BrowserApp.ScreenshotAsync(page, "boards-custom-columns");

        // Deleting a column that holds a card asks where the card goes.
        await settings.OpenAsync();
        await settings.DeleteColumnAsync("Review", moveTo: "Done");
        await settings.CloseAsync();
        await Assertions.Expect(Headings(page)).ToHaveTextAsync(["Done", "To do", "Building"]);
        Assert.Equal(["Ship the build"], await board.TitlesAsync("Done"));
        await Assertions.Expect(board.Card("Ship the build").Locator(".tb-complete input")).ToBeCheckedAsync();

        // The first board is untouched, and "/" opens the board opened last.
        await page.ClickAsync("#tb-board-switcher button");
        await page.Locator(".tb-board-link").Filter(new() { HasText = "My tasks" }).ClickAsync();
        await Assertions.Expect(board.Name).ToHaveTextAsync("My tasks");
        await board.WaitReadyAsync();
        Assert.Equal(["Personal errand"], await board.TitlesAsync("To do"));
        await Assertions.Expect(board.Card("Ship the build")).ToHaveCountAsync(0);

        // A card goes to another board from its Move menu, into the first column there that is not done.
        await board.Card("Personal errand").Locator(".tb-move button").ClickAsync();
        await page.Locator(".tb-move-to-board[data-board-name='Launch']").ClickAsync();
        await Assertions.Expect(board.Card("Personal errand")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#tb-announce")).ToHaveTextAsync("Moved “Personal errand” to the board “Launch”.");
        await page.GotoAsync(launchUrl);
        await board.WaitReadyAsync();
        Assert.Equal(["Write the notes", "Personal errand"], await board.TitlesAsync("To do"));
        await page.GotoAsync("/");
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Name).ToHaveTextAsync("Launch");

        // Archived, it leaves the switcher's list of boards in use; restored, it comes back.
        await settings.OpenAsync();
        await page.ClickAsync("#tb-archive-board");
        await Assertions.Expect(page.Locator("#tb-unarchive-board")).ToBeVisibleAsync();
        await settings.CloseAsync();
        await Assertions.Expect(page.Locator("#tb-board-archived")).ToBeVisibleAsync();
        await page.ClickAsync("#tb-board-switcher button");
        await Assertions.Expect(page.Locator(".tb-board-link").Filter(new() { HasText = "Launch" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".tb-archived-board-link").Filter(new() { HasText = "Launch" })).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await page.ClickAsync("#tb-restore-board");
        await Assertions.Expect(page.Locator("#tb-board-archived")).ToHaveCountAsync(0);
        await page.ClickAsync("#tb-board-switcher button");
        await Assertions.Expect(page.Locator(".tb-board-link").Filter(new() { HasText = "Launch" })).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");

        // Deleted for good, after typing its name; "/" then opens the other board.
        await settings.OpenAsync();
        await page.FillAsync("#tb-delete-board-name", "Launch");
        await page.ClickAsync("#tb-delete-board");
        await board.WaitReadyAsync();
        await Assertions.Expect(board.Name).ToHaveTextAsync("My tasks");
        await page.GotoAsync(launchUrl);
        await Assertions.Expect(page.Locator("#tb-board-missing")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ManyColumnsScrollSidewaysOnADesktopAndStackOnAPhone()
    {
        var email = AccountPages.NewEmail();
        var page = await browserApp.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Wide Board", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        using (var api = await browserApp.ApiClientAsync(email))
        {
            var created = await api.PostAsync("/api/boards", new StringContent(
                """{"name":"Wide","columns":[{"name":"One"},{"name":"Two"},{"name":"Three"},{"name":"Four"},{"name":"Five"},{"name":"Six"},{"name":"Seven","isDone":true}]}""",
                System.Text.Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            await page.GotoAsync(created.Headers.Location!.ToString().Replace("/api/boards/", "/boards/", StringComparison.Ordinal));
        }

        await board.WaitReadyAsync();
        await Assertions.Expect(Headings(page)).ToHaveCountAsync(7);
        var scroll = await page.Locator(".tb-board").EvaluateAsync<int[]>("b => [b.scrollWidth, b.clientWidth]");
        Assert.True(scroll[0] > scroll[1], $"the board does not scroll sideways: {scroll[0]} <= {scroll[1]}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page itself scrolls sideways");
        await BrowserApp.ScreenshotAsync(page, "boards-wide", fullPage: false);

        var phone = await browserApp.NewPageAsync(390, 844);
        await new AccountPages(phone).SignInAsync(email, AccountPages.Password);
        var phoneBoard = new BoardPage(phone);
        await phoneBoard.WaitReadyAsync();
        var boxes = await phone.Locator(".tb-column").EvaluateAllAsync<double[][]>("cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top]; })");
        Assert.All(boxes, b => Assert.Equal(boxes[0][0], b[0], 1));
        Assert.True(boxes.Zip(boxes.Skip(1)).All(p => p.Second[1] > p.First[1]), "the columns do not stack on a phone");
        await BrowserApp.ScreenshotAsync(phone, "boards-wide-phone", fullPage: false);
    }
}
