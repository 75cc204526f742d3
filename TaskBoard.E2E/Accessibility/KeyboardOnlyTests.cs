using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Accessibility;

/// <summary>
/// Everything a mouse user does on the board and the account page, done with the keyboard alone: no
/// mouse or pointer event reaches the page, and after every action focus is on something, never the page.
/// </summary>
public sealed class KeyboardOnlyTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    public void Dispose() => app.AssertNoCspViolations();

    [Fact]
    public async Task AddEditMoveCompleteDeleteUndoAndRevokeWithoutAMouse()
    {
        var page = await app.NewPageAsync();
        var keys = await KeyboardUser.StartAsync(page);
        var board = new BoardPage(page);
        var announce = page.Locator("#tb-announce");

        // Sign up: the name field has focus when the page opens.
        var email = AccountPages.NewEmail();
        await page.GotoAsync("/signup");
        await keys.TabToAsync(page.Locator("#name"));
        await keys.TypeAsync("Kay Board");
        await keys.PressAsync("Tab");
        await keys.TypeAsync(email);
        await keys.PressAsync("Tab");
        await keys.TypeAsync(AccountPages.Password);
        await keys.PressAsync("Enter");
        await board.WaitReadyAsync();

        // Add three cards from the To do quick add, which "n" reaches.
        await keys.PressAsync("n");
        await Assertions.Expect(board.QuickAdd("To do")).ToBeFocusedAsync();
        foreach (var title in new[] { "Water plants", "Fix the bike", "Call mum" })
        {
            await keys.TypeAsync(title);
            await keys.PressAsync("Enter");
            await Assertions.Expect(board.Card(title)).ToHaveCountAsync(1);
        }

        await Assertions.Expect(board.QuickAdd("To do")).ToBeFocusedAsync();
        Assert.Equal(["Water plants", "Fix the bike", "Call mum"], await board.TitlesAsync("To do"));

        // Edit and save: Enter on the title opens the dialog; focus comes back to the card.
        await keys.TabToAsync(board.Card("Fix the bike").Locator(".tb-card-title"));
        await keys.PressAsync("Enter");
        await keys.TabToAsync(page.Locator(".mud-dialog #tb-edit-title"));
        await keys.PressAsync("Control+A");
        await keys.TypeAsync("Fix the bike today");
        await keys.TabToAsync(page.Locator("#tb-edit-save"));
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(board.Card("Fix the bike today")).ToBeFocusedAsync();
        await Assertions.Expect(announce).ToHaveTextAsync("Saved “Fix the bike today”.");

        // Across columns with Shift+Right, from the focused card; the move is announced and focus stays on it.
        await keys.PressAsync("Shift+ArrowRight");
        await Assertions.Expect(board.Column("In progress").Locator(".tb-card")).ToHaveCountAsync(1);
        await Assertions.Expect(announce).ToHaveTextAsync("Moved “Fix the bike today” to In progress, 1 of 1.");
        await Assertions.Expect(board.Card("Fix the bike today")).ToBeFocusedAsync();

        // Within a column with Shift+Up.
        await keys.TabToAsync(board.Card("Call mum"), backwards: true);
        await keys.PressAsync("Shift+ArrowUp");
        await Assertions.Expect(announce).ToHaveTextAsync("Moved “Call mum” to To do, 1 of 2.");
        Assert.Equal(["Call mum", "Water plants"], await board.TitlesAsync("To do"));
        await Assertions.Expect(board.Card("Call mum")).ToBeFocusedAsync();

        // The Move menu: Enter opens it, arrows pick "To Done", Enter moves.
        await keys.TabToAsync(board.Card("Water plants").Locator(".tb-move button"));
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".tb-move-to[data-column-name='In progress']")).ToBeFocusedAsync();
        await keys.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator(".tb-move-to[data-column-name='Done']")).ToBeFocusedAsync();
        await keys.PressAsync("Enter");
        await Assertions.Expect(board.Column("Done").Locator(".tb-card")).ToHaveCountAsync(1);
        await Assertions.Expect(announce).ToHaveTextAsync("Moved “Water plants” to Done, 1 of 1.");
        await Assertions.Expect(board.Card("Water plants")).ToBeFocusedAsync();

        // Complete with Space on the checkbox.
        await keys.TabToAsync(board.Card("Call mum").Locator(".tb-complete input"), backwards: true);
        await keys.PressAsync("Space");
        await Assertions.Expect(board.Column("Done").Locator(".tb-card")).ToHaveCountAsync(2);
        await Assertions.Expect(announce).ToHaveTextAsync("Completed “Call mum”, now in Done.");
        await Assertions.Expect(board.Card("Call mum")).ToBeFocusedAsync();

        // Delete from the card, then "u" undoes it.
        await keys.PressAsync("Delete");
        await Assertions.Expect(board.Card("Call mum")).ToHaveCountAsync(0);
        await Assertions.Expect(announce).ToHaveTextAsync("Deleted “Call mum”. Press U to undo.");
        await keys.ExpectFocusNotOnBodyAsync();
        await keys.PressAsync("u");
        await Assertions.Expect(board.Card("Call mum")).ToHaveCountAsync(1);
        await Assertions.Expect(board.Card("Call mum")).ToBeFocusedAsync();

        // Revoke another session and a token on the account page: Enter and Space both press Revoke.
        using var otherSession = await app.ApiClientAsync(email);
        await page.GotoAsync("/account");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var sessions = page.Locator(".mud-paper").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Sessions" }) });
        await Assertions.Expect(sessions.Locator(".tb-session")).ToHaveCountAsync(2);
        await keys.TabToAsync(sessions.Locator(".tb-revoke"));
        await keys.PressAsync("Enter");
        await Assertions.Expect(sessions.Locator(".tb-session")).ToHaveCountAsync(1);
        await Assertions.Expect(sessions.Locator(".tb-session-list")).ToBeFocusedAsync();

        var tokens = page.Locator(".mud-paper").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Personal access tokens" }) });
        await keys.TabToAsync(page.Locator("#tb-token-name"));
        await keys.TypeAsync("keyboard script");
        await keys.TabToAsync(page.Locator("#tb-token-create"));
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#tb-token-created")).ToBeVisibleAsync();
        await keys.TabToAsync(tokens.Locator(".tb-revoke"));
        await keys.PressAsync("Space");
        await Assertions.Expect(tokens.Locator(".tb-session-empty")).ToHaveTextAsync("No tokens yet.");
        await Assertions.Expect(tokens.Locator(".tb-session-list")).ToBeFocusedAsync();

        Assert.Equal("0", await keys.MouseEventsAsync());
    }
}
