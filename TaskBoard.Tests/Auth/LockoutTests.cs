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
    public async Task TheFifthFailureLocksTheAccountAndTheSixthAttemptSaysSo()
    {
        var account = await app.SignUpAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await app.SignInAsync(account.Email, "wrong password");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            Assert.Equal("invalid_credentials", await Problems.CodeAsync(failed));
        }

        var sixth = await app.SignInAsync(account.Email, account.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, sixth.StatusCode);
        Assert.Equal("account_locked", await Problems.CodeAsync(sixth));
        // A locked account's existing tokens stop working too, at once on this instance.
        Assert.Equal((401, "account_locked"), await app.SessionStatusAsync(account.Token));
        Assert.Contains(AuditKinds.LockedOut, await AuditKindsOfAsync(account.UserId));
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
    public async Task ParallelGuessesCannotSlipPastTheLimit()
    {
        var account = await app.SignUpAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.SignInAsync(account.Email, "parallel guess")));

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));
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
