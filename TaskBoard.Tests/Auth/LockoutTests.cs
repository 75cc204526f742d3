using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class LockoutTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task RepeatedFailuresPauseNewPasswordSignInsButTheOwnersSessionsAndTokensKeepWorking()
    {
        var account = await app.SignUpAsync();
        using var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserForms.SignInAsync(browser, new Uri("/signin", UriKind.Relative), account.Email, account.Password)).StatusCode);
        using var owner = app.Client(account.Token);
        var pat = (await (await owner.PostAsJsonAsync("/api/tokens", new { name = "cron", expiresInDays = 5 })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString()!;

        // Someone else guesses five times.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await app.SignInAsync(account.Email, "wrong password");
            Assert.Equal("invalid_credentials", await Problems.CodeAsync(failed));
        }

        var paused = await app.SignInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, paused.StatusCode);
        Assert.Equal("account_locked", await Problems.CodeAsync(paused));
        Assert.InRange(paused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // Nothing the owner already holds stops working: the sign-in token, the personal access token, the cookie.
        Assert.Equal((200, null), await app.SessionStatusAsync(account.Token));
        Assert.Equal((200, null), await app.SessionStatusAsync(pat));
        var board = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("<title>My tasks · TaskBoard</title>", await board.Content.ReadAsStringAsync());
        Assert.Contains(AuditKinds.LockedOut, await AuditKindsOfAsync(account.UserId));
    }

    [Fact]
    public async Task AfterRepeatedFailuresAnUnknownEmailAndARealAccountGetTheSameAnswer()
    {
        var account = await app.SignUpAsync();
        var unknownEmail = $"nobody-{Guid.NewGuid():N}@example.test";
        var answers = new List<HttpResponseMessage>();
        foreach (var email in new[] { account.Email, unknownEmail })
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await app.SignInAsync(email, "wrong password");
            }

            answers.Add(await app.SignInAsync(email, "wrong password"));
        }

        Assert.Equal(answers[0].StatusCode, answers[1].StatusCode);
        Assert.Equal(Without(await answers[0].Content.ReadFromJsonAsync<JsonElement>(), "traceId"),
            Without(await answers[1].Content.ReadFromJsonAsync<JsonElement>(), "traceId"));
        Assert.Equal(answers[0].Headers.RetryAfter, answers[1].Headers.RetryAfter);
    }

    [Fact]
    public async Task OfThirtySimultaneousGuessesOnlyTheAllowedFiveHaveTheirPasswordChecked()
    {
        var account = await app.SignUpAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => app.SignInAsync(account.Email, "parallel guess")));

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        var details = await db.AuditEvents.Where(e => e.UserId == account.UserId && e.Kind == AuditKinds.SignInFailed).Select(e => e.Detail).ToListAsync();
        Assert.Equal(5, details.Count(d => d == "wrong password"));
        Assert.Equal(25, details.Count(d => d!.StartsWith("throttled", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FailuresCountTogetherWhicheverDoorTheyCameThrough()
    {
        var account = await app.SignUpAsync();
        using (var scope = app.Factory.Services.CreateScope())
        {
            // The browser sign-in form goes through the same AccountService with a browser session kind.
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var result = await accounts.SignInAsync(account.Email, "wrong", SessionKind.Browser, TimeSpan.FromHours(1), ClientInfo.Unknown);
                Assert.Equal(AccountOutcome.InvalidCredentials, result.Outcome);
            }
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignInAsync(account.Email, "wrong")).StatusCode);
        }

        Assert.Equal("account_locked", await Problems.CodeAsync(await app.SignInAsync(account.Email, account.Password)));
    }

    [Fact]
    public async Task ASuccessfulSignInResetsTheFailureCount()
    {
        var account = await app.SignUpAsync();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await app.SignInAsync(account.Email, "wrong");
        }

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await app.SignInAsync(account.Email, "wrong");
        }

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownEmailGetsExactlyTheAnswerAWrongPasswordGets()
    {
        var account = await app.SignUpAsync();

        var unknown = await app.SignInAsync($"nobody-{Guid.NewGuid():N}@example.test", "whatever password");
        var wrong = await app.SignInAsync(account.Email, "whatever password");

        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(Without(await wrong.Content.ReadFromJsonAsync<JsonElement>(), "traceId"),
            Without(await unknown.Content.ReadFromJsonAsync<JsonElement>(), "traceId"));
    }

    private async Task<List<string>> AuditKindsOfAsync(Guid userId)
    {
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.UserId == userId).Select(e => e.Kind).ToListAsync();
    }

    private static string Without(JsonElement json, string property) =>
        JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));
}
