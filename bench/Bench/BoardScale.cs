using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TaskBoard.Bench;

internal sealed record BoardResult(IReadOnlyList<double> InteractiveMs, IReadOnlyList<double> DragMs, int CardsInDom);

/// <summary>
/// The big board (<see cref="Seeder.BigBoardColumns"/> columns) in Chromium: time from navigation to a
/// board that answers (the circuit's marker is in the page and every column shows its first page of cards,
/// which its "Show more" button follows), and a drag-and-drop's round trip (from the drop to the card
/// standing in its new column, which happens after the server saved the move).
/// </summary>
internal static class BoardScale
{
    private static readonly string[] Columns = [.. Enumerable.Range(0, Seeder.BigBoardColumns).Select(Seeder.BigBoardColumn)];

    private static string Column(string name) => $".tb-column[data-column-name='{name}']";

    public static async Task<BoardResult> MeasureAsync(Uri app, string email, string password, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TASKBOARD_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

        var interactive = new List<double>();
        for (var run = 0; run < runs + 1; run++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            // Every column has shown its first page: its "Show more" button follows the cards. Checked in the
            // page at once (one round trip per column would add the test driver's latency twenty times).
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('.tb-column .tb-show-more').length === {Columns.Length}",
                null, new() { Timeout = 60_000 });

            clock.Stop();
            if (run > 0)
            {
                interactive.Add(clock.Elapsed.TotalMilliseconds); // the first visit warms the server up
            }
        }

        await page.WaitForTimeoutAsync(1000);
        var cards = await page.Locator(".tb-card").CountAsync();
        Console.WriteLine($"Cards per column: {string.Join(", ", await Task.WhenAll(Columns.Select(c => page.Locator($"{Column(c)} .tb-card").CountAsync())))}");
        var drags = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var card = page.Locator($"{Column(Columns[0])} .tb-card").First;
            var title = await card.Locator(".tb-card-title").InnerTextAsync();
            var target = page.Locator(Column(Columns[1]));
            var from = (await card.BoundingBoxAsync())!;
            var to = (await target.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + (from.Height / 2));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(from.X + (from.Width / 2) + 5, from.Y + (from.Height / 2) + 5, new() { Steps = 5 });
            await page.WaitForTimeoutAsync(300);
            await page.Mouse.MoveAsync(to.X + (to.Width / 2), to.Y + 120, new() { Steps = 10 });
            await page.WaitForTimeoutAsync(300);
            var clock = Stopwatch.StartNew();
            await page.Mouse.UpAsync();
            await target.Locator(".tb-card-title").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(title)}$") }).WaitForAsync(new() { Timeout = 30_000 });
            clock.Stop();
            drags.Add(clock.Elapsed.TotalMilliseconds);
            await page.WaitForTimeoutAsync(500);
        }

        return new BoardResult(interactive, drags, cards);
    }
}
