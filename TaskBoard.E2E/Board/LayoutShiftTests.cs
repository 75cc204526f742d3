using System.Net.Http.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Board;

/// <summary>
/// The board does not jump about while it loads: the cumulative layout shift the browser measures
/// (PerformanceObserver "layout-shift", as Lighthouse does) stays within 0.1, the "good" threshold,
/// from the first paint until the live board has read its cards again.
/// </summary>
public sealed class LayoutShiftTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    private const string MeasureShifts = """
        window.tbLayoutShift = 0;
        new PerformanceObserver(list => {
            for (const entry of list.getEntries()) {
                if (!entry.hadRecentInput) {
                    window.tbLayoutShift += entry.value;
                }
            }
        }).observe({ type: "layout-shift", buffered: true });
        """;

    public void Dispose() => app.AssertNoCspViolations();

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task LoadingTheBoardShiftsTheLayoutByAtMostATenth(int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var email = AccountPages.NewEmail();
        await new AccountPages(page).SignUpAsync("Steady Board", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        using (var api = await app.ApiClientAsync(email))
        {
            var priorities = new[] { "none", "low", "medium", "high", "urgent" };
            Guid[] columns = [await BoardPage.ColumnIdAsync(api, "To do"), await BoardPage.ColumnIdAsync(api, "In progress"), await BoardPage.ColumnIdAsync(api, "Done")];
            for (var i = 0; i < 15; i++)
            {
                var created = await api.PostAsJsonAsync("/api/tasks", new
                {
                    title = $"Task number {i} with a title long enough to wrap on a phone",
                    columnId = columns[i % 3],
                    priority = priorities[i % priorities.Length],
                    dueDate = DateTime.UtcNow.AddDays(i - 5).ToString("yyyy-MM-dd"),
                    tags = new[] { "home", $"tag{i}" },
                });
                created.EnsureSuccessStatusCode();
            }
        }

        await page.Context.AddInitScriptAsync(MeasureShifts);
        // Like Lighthouse's phone run: a slower processor and a slow network, so the prerendered page and the
        // live board's first renders land in separate frames, as they do for real people.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = 4 });
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new()
        {
            ["offline"] = false,
            ["latency"] = 150,
            ["downloadThroughput"] = 1_600_000 / 8,
            ["uploadThroughput"] = 750_000 / 8,
        });
        foreach (var load in new[] { "first", "second" })
        {
            await page.GotoAsync("/");
            await board.WaitReadyAsync();
            await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(5);
            var shift = await page.EvaluateAsync<double>("() => window.tbLayoutShift");
            Assert.True(shift <= 0.1, $"The {load} load at {width}x{height} shifted the layout by {shift:0.000}.");
        }
    }
}
