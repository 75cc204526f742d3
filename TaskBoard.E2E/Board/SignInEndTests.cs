using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Board;

/// <summary>What an open board can still do once its sign-in has ended: nothing.</summary>
public sealed class SignInEndTests(BrowserApp browserApp) : IClassFixture<BrowserApp>, IDisposable
{
    public void Dispose() => browserApp.AssertNoCspViolations();

    [Fact]
    public async Task AnEditDialogOpenWhenTheSessionIsRevokedClosesAndSavesNothing()
    {
        var email = AccountPages.NewEmail();
        var page = await browserApp.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Revoked Editor", email, AccountPages.Password);
        await page.GotoAsync("/account");
        var session = await page.Locator(".tb-session[data-current='true']").GetAttributeAsync("data-session-id");
        await page.GotoAsync("/");
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "Keep me as I am");
        await board.Card("Keep me as I am").Locator(".tb-card-title").ClickAsync();
        await Assertions.Expect(page.Locator("#tb-edit-title")).ToBeVisibleAsync();

        // Like a browser that ignores being sent to sign in: the page stays, with its circuit.
        await page.RouteAsync("**/signin**", route => route.FulfillAsync(new() { Status = 204 }));
        using var api = await browserApp.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/sessions/{session}")).StatusCode);

        var title = page.Locator("#tb-edit-title");
        if (await title.IsVisibleAsync())
        {
            await title.FillAsync("Changed after the sign-in ended");
            await page.Locator("#tb-edit-save").ClickAsync(new() { Timeout = 5_000 });
        }

        // The page itself stays (its navigation to sign in went nowhere), so ask its document directly.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.mud-dialog').length === 0", null, new() { Timeout = 15_000 });
        var tasks = await api.GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.Equal(["Keep me as I am"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()));
    }
}
