using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Reliability;

/// <summary>The app on a PostgreSQL server of its own, which the tests may stop and start.</summary>
public sealed class OwnPostgresApp : BrowserApp
{
    private PostgresInstance? postgres;

    public PostgresInstance Postgres => postgres ?? throw new InvalidOperationException("Not started.");

    /// <summary>Every request checks its session row, so opening a page during the outage reaches the database.</summary>
    protected override void Configure(Dictionary<string, string> settings) => settings["Auth__Sessions__CheckCacheDuration"] = "00:00:00";

    protected override async Task<string> CreateDatabaseAsync()
    {
        postgres = await PostgresInstance.CreateAsync();
        return postgres.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}

public sealed class DatabaseOutageBoardTests(OwnPostgresApp app) : IClassFixture<OwnPostgresApp>, IDisposable
{
    public void Dispose() => app.AssertNoCspViolations();

    [Fact]
    public async Task TheBoardSaysTheDatabaseIsUnreachableAndComesBackByItself()
    {
        var email = AccountPages.NewEmail();
        var page = await app.NewPageAsync();
        await new AccountPages(page).SignUpAsync("Outage Tester", email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "Written before the outage");

        await app.Postgres.StopAsync();
        try
        {
            var field = board.QuickAdd("To do");
            await field.FillAsync("Written during the outage");
            await field.PressAsync("Enter");

            var alert = page.Locator("#tb-outage");
            await Assertions.Expect(alert).ToBeVisibleAsync();
            await Assertions.Expect(alert).ToContainTextAsync("cannot reach its database");
            await Assertions.Expect(board.Card("Written before the outage")).ToBeVisibleAsync();
            await Assertions.Expect(board.Card("Written during the outage")).ToHaveCountAsync(0);
            await Assertions.Expect(field).ToHaveValueAsync("Written during the outage");
            await BrowserApp.ScreenshotAsync(page, "board-outage");

            // Opening the board anew, when not even the sign-in can be checked: a page that says so and retries by itself.
            var reopened = await page.Context.NewPageAsync();
            var response = await reopened.GotoAsync("/");
            Assert.Equal(503, response!.Status);
            await Assertions.Expect(reopened.Locator("#tb-error")).ToContainTextAsync("cannot reach its database");
            await Assertions.Expect(reopened.Locator("meta[http-equiv='refresh']")).ToHaveCountAsync(1);
            await reopened.CloseAsync();

            // A browser that is not signed in yet gets a page that says so, not an error dump, and can try again.
            var other = await app.NewPageAsync();
            await new AccountPages(other).SignInAsync(email, AccountPages.Password);
            await Assertions.Expect(other.Locator("#tb-page-error")).ToContainTextAsync("cannot reach its database");
            await Assertions.Expect(other.Locator("#tb-page-error a")).ToHaveAttributeAsync("href", new Regex("/signin$"));
        }
        finally
        {
            await app.Postgres.StartAsync();
        }

        await Assertions.Expect(page.Locator("#tb-outage")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await board.QuickAddAsync("To do", "Written after the outage");
        Assert.Equal(["Written before the outage", "Written after the outage"], await board.TitlesAsync("To do"));
    }
}
