using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Live;

/// <summary>Changes made elsewhere (another tab, the API) appear on an open board without a reload.</summary>
public sealed class LiveBoardTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    /// <summary>Every page this class visits must load and run without a Content-Security-Policy violation.</summary>
    public void Dispose() => browserApp.AssertNoCspViolations();

    private async Task<(IPage Page, BoardPage Board)> OpenBoardAsync(string email, bool signUp)
    {
        var page = await browserApp.NewPageAsync();
        var account = new AccountPages(page);
        if (signUp)
        {
            await account.SignUpAsync("Live Tester", email, AccountPages.Password);
        }
        else
        {
            await account.SignInAsync(email, AccountPages.Password);
        }

        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        return (page, board);
    }

    [Fact]
    public async Task ACardCreatedMovedAndCompletedInOneBrowserAppearsInTheOther()
    {
        var email = AccountPages.NewEmail();
        var (_, first) = await OpenBoardAsync(email, signUp: true);
        var (secondPage, second) = await OpenBoardAsync(email, signUp: false);
        await second.QuickAdd("Done").FillAsync("half-typed words");

        await first.QuickAddAsync("To do", "shared errand");
        await Assertions.Expect(second.Column("To do").Locator(".tb-card").Filter(new() { HasText = "shared errand" })).ToHaveCountAsync(1);

        await first.DragUntilAsync(first.Card("shared errand"), first.Column("In progress").Locator(".tb-zone"),
            async () => (await first.TitlesAsync("In progress")).Contains("shared errand"));
        await Assertions.Expect(second.Column("In progress").Locator(".tb-card").Filter(new() { HasText = "shared errand" })).ToHaveCountAsync(1);

        await first.Card("shared errand").Locator(".tb-complete input").ClickAsync();
        await Assertions.Expect(second.Column("Done").Locator(".tb-card").Filter(new() { HasText = "shared errand" })).ToHaveCountAsync(1);

        // What the person was typing in the other browser is still there.
        await Assertions.Expect(second.QuickAdd("Done")).ToHaveValueAsync("half-typed words");
    }

    [Fact]
    public async Task ATaskCreatedThroughTheApiAppearsOnAnOpenBoard()
    {
        var email = AccountPages.NewEmail();
        var (_, board) = await OpenBoardAsync(email, signUp: true);
        using var api = new HttpClient { BaseAddress = browserApp.BaseAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AccountPages.Password });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var created = await api.PostAsJsonAsync("/api/tasks", new { title = "from a script", columnId = await BoardPage.ColumnIdAsync(api, "In progress") });

        Assert.True(created.IsSuccessStatusCode);
        await Assertions.Expect(board.Column("In progress").Locator(".tb-card").Filter(new() { HasText = "from a script" })).ToHaveCountAsync(1);
    }
}
