using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace TaskBoard.E2E.Pages;

/// <summary>
/// A board, at <c>/</c> (the board last opened) or <c>/boards/{id}</c>; columns are found by their names
/// ("To do", "In progress", "Done" on a new account's board).
/// </summary>
public sealed class BoardPage(IPage page)
{
    /// <summary>Waits until the circuit is connected and the board answers events.</summary>
    public async Task WaitReadyAsync()
    {
        // The marker below proves scripts ran and the circuit connected; the page's load event adds nothing
        // and, on a loaded machine, can lag far behind.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is var path && (path == "/" || path.StartsWith("/boards/", StringComparison.Ordinal)),
            new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        // Busy while the live board reads the cards again after taking over from the prerendered page.
        await Assertions.Expect(page.Locator(".tb-board")).ToHaveAttributeAsync("aria-busy", "false");
    }

    public ILocator Column(string name) => page.Locator($".tb-column[data-column-name='{name}']");

    /// <summary>The column's quick-add field.</summary>
    public ILocator QuickAdd(string column) => Column(column).Locator("input[id^='tb-quick-add-']");

    /// <summary>The board's name, as its heading shows it.</summary>
    public ILocator Name => page.Locator("#tb-board-name");

    public ILocator Card(string title) => page.Locator(".tb-card").Filter(new() { HasText = title });

    public Task<IReadOnlyList<string>> TitlesAsync(string column) => Column(column).Locator(".tb-card-title").AllInnerTextsAsync();

    public async Task QuickAddAsync(string column, string title)
    {
        var field = QuickAdd(column);
        await field.FillAsync(title);
        await field.PressAsync("Enter");
        await Assertions.Expect(Column(column).Locator(".tb-card").Filter(new() { HasText = title })).ToHaveCountAsync(1);
    }

    /// <summary>The id of a column of the account's first board, by name, as the API lists it.</summary>
    public static async Task<Guid> ColumnIdAsync(HttpClient api, string name)
    {
        var boards = await api.GetFromJsonAsync<JsonElement>("/api/boards");
        return boards.GetProperty("items")[0].GetProperty("columns").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Drags like a person: press, move in steps, pause, release. The drop zones hear about the drag
    /// over the circuit, so an instant synthetic drag can arrive before the server knows one began.
    /// </summary>
    /// <param name="offsetY">Where to drop, from the target's top edge; its middle when absent.</param>
    public async Task DragAsync(ILocator card, ILocator target, float? offsetY = null)
    {
        var from = await card.BoundingBoxAsync() ?? throw new InvalidOperationException("The card is not visible.");
        var to = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("The target is not visible.");
        await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(from.X + (from.Width / 2) + 5, from.Y + (from.Height / 2) + 5, new() { Steps = 5 });
        await page.WaitForTimeoutAsync(500);
        await page.Mouse.MoveAsync(to.X + (to.Width / 2), to.Y + (offsetY ?? to.Height / 2), new() { Steps = 10 });
        await page.WaitForTimeoutAsync(500);
        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// Drags until <paramref name="arrived"/> holds, at most three times: under a loaded test machine the
    /// browser can finish a synthetic drag before the circuit has processed its start, which a person never does.
    /// </summary>
    public async Task DragUntilAsync(ILocator card, ILocator target, Func<Task<bool>> arrived, float? offsetY = null)
    {
        for (var attempt = 0; attempt < 3 && !await arrived(); attempt++)
        {
            await DragAsync(card, target, offsetY);
            await page.WaitForTimeoutAsync(1000);
        }
    }

    public async Task SearchAsync(string text)
    {
        await page.FillAsync("#tb-search", text);
    }
}
