using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Database;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Admin;

/// <summary>
/// <c>dotnet TaskBoard.Web.dll admin …</c> as a real process on the same database as a running app:
/// each verb does what it says there, and wrong arguments get one line and exit code 2.
/// </summary>
public sealed partial class AdminCommandTests(ApiApp app) : IClassFixture<ApiApp>, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("tb-home-admin-").FullName;

    [GeneratedRegex(@"/reset-password\?token=(\S+)")]
    private static partial Regex ResetLink();

    public void Dispose() => Directory.Delete(home, recursive: true);

    private Task<(int ExitCode, string Output)> AdminAsync(string? input, params string[] args) =>
        AppProcess.RunWithInputToExitAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = app.Database.ConnectionString, ["HOME"] = home },
            input,
            ["admin", .. args]);

    private async Task<HttpStatusCode> SessionAnswerAsync(string token) => (HttpStatusCode)(await app.SessionStatusAsync(token)).Status;

    /// <summary>The app learns of a revocation made by another process through PostgreSQL's notifications: moments, not a cache period.</summary>
    private async Task AssertRefusedSoonAsync(string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await SessionAnswerAsync(token) != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SessionAnswerAsync(token));
    }

    [Fact]
    public async Task HelpListsEveryVerbAndWrongArgumentsAreOneLineWithExitCode2()
    {
        var (appHelp, appHelpText) = await AppProcess.RunToExitAsync(new Dictionary<string, string> { ["HOME"] = home }, "--help");
        Assert.True(appHelp == 0, appHelpText);
        Assert.Contains("admin VERB", appHelpText);

        var (help, helpText) = await AdminAsync(null, "--help");
        Assert.Equal(0, help);
        foreach (var verb in new[] { "create-user", "reset-password", "unlock", "disable", "enable", "grant-admin", "revoke-admin", "list-users", "sessions", "revoke-sessions" })
        {
            Assert.Contains(verb, helpText);
        }

        var (verbHelp, verbHelpText) = await AdminAsync(null, "create-user", "--help");
        Assert.Equal((0, true), (verbHelp, verbHelpText.Contains("--password-stdin", StringComparison.Ordinal)));

        foreach (var (args, message) in new[]
        {
            (new[] { "frobnicate" }, "Unknown verb 'frobnicate'"),
            (new[] { "disable" }, "Name the account with --email"),
            (new[] { "disable", "--email", "nobody@example.test" }, "There is no account with the address nobody@example.test"),
            (new[] { "create-user", "--email", "x@example.test", "--name", "X", "--password", "secret" }, "Unknown option --password."),
            (new[] { "create-user", "--email", "x@example.test", "--name", "X" }, "the password is never an argument"),
            (new[] { "list-users", "--limit", "0" }, "--limit must be a whole number"),
            (new[] { "list-users", "stray" }, "Unexpected argument 'stray'"),
            (new[] { "list-users", "--search" }, "--search needs a value"),
        })
        {
            var (code, output) = await AdminAsync(null, args);
            Assert.True(code == 2, $"{string.Join(' ', args)} exited {code}: {output}");
            Assert.Contains(message, output);
            Assert.DoesNotContain("   at ", output); // no stack trace
        }
    }

    [Fact]
    public async Task CreateUserTakesThePasswordFromStandardInputAndTheAccountCanSignIn()
    {
        var email = $"created-{Guid.NewGuid():N}@example.test";

        var (code, output) = await AdminAsync("a passphrase from stdin\n", "create-user", "--email", email, "--name", "Created", "--password-stdin", "--admin");

        Assert.True(code == 0, output);
        Assert.Contains($"Created {email} (administrator)", output);
        var signIn = await app.SignInAsync(email, "a passphrase from stdin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var (_, listed) = await AdminAsync(null, "list-users", "--search", email);
        Assert.Matches($@"{Regex.Escape(email)}\s+Created\s+\S+\s+yes\s+no\s+yes", listed);

        var (again, againOutput) = await AdminAsync("another passphrase\n", "create-user", "--email", email, "--name", "Again", "--password-stdin");
        Assert.Equal((2, true), (again, againOutput.Contains("exists already", StringComparison.Ordinal)));
        var (weak, weakOutput) = await AdminAsync("short\n", "create-user", "--email", $"weak-{email}", "--name", "Weak", "--password-stdin");
        Assert.Equal((2, true), (weak, weakOutput.Contains("at least 8 characters", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DisableEndsEverySessionAtOnceAndRefusesSignInUntilEnabled()
    {
        var account = await app.SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, await SessionAnswerAsync(account.Token));

        var (code, output) = await AdminAsync(null, "disable", "--email", account.Email);

        Assert.True(code == 0, output);
        await AssertRefusedSoonAsync(account.Token);
        var refused = await app.SignInAsync(account.Email, account.Password);
        Assert.Equal((HttpStatusCode.Forbidden, "account_disabled"), (refused.StatusCode, await Problems.CodeAsync(refused)));

        Assert.Equal(0, (await AdminAsync(null, "enable", "--email", account.Email)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);

        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<TaskBoardDbContext>>().CreateDbContextAsync();
        var kinds = await db.AuditEvents.Where(e => e.UserId == account.UserId && e.Detail!.Contains("command line")).Select(e => e.Kind).ToListAsync();
        Assert.Contains("account_disabled", kinds);
        Assert.Contains("account_enabled", kinds);
    }

    [Fact]
    public async Task UnlockLiftsThePauseOnPasswordSignIns()
    {
        var account = await app.SignUpAsync();
        for (var i = 0; i < 6; i++)
        {
            await app.SignInAsync(account.Email, "not the password");
        }

        Assert.Equal("account_locked", await Problems.CodeAsync(await app.SignInAsync(account.Email, account.Password)));

        Assert.Equal(0, (await AdminAsync(null, "unlock", "--email", account.Email)).ExitCode);

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
    }

    [Fact]
    public async Task ResetPasswordWithoutSmtpPrintsALinkThatWorksOnce()
    {
        var account = await app.SignUpAsync();

        var (code, output) = await AdminAsync(null, "reset-password", "--email", account.Email);

        Assert.True(code == 0, output);
        var token = Uri.UnescapeDataString(ResetLink().Match(output).Groups[1].Value);
        using var client = app.Client();
        var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "a password an admin reset" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, "a password an admin reset")).StatusCode);
        await AssertRefusedSoonAsync(account.Token);
    }

    [Fact]
    public async Task SessionsListsThemAndRevokeSessionsEndsThemAll()
    {
        var account = await app.SignUpAsync();
        var second = await app.SignInTokenAsync(account);

        var (code, output) = await AdminAsync(null, "sessions", "--email", account.Email);
        Assert.True(code == 0, output);
        Assert.Contains(account.SessionId.ToString(), output);
        Assert.Contains("2 active session(s)", output);

        var (revoke, revokeOutput) = await AdminAsync(null, "revoke-sessions", "--email", account.Email);

        Assert.Equal((0, true), (revoke, revokeOutput.Contains("2 session(s)", StringComparison.Ordinal)));
        await AssertRefusedSoonAsync(account.Token);
        await AssertRefusedSoonAsync(second);
    }

    [Fact]
    public async Task GrantAndRevokeAdminChangeTheFlag()
    {
        var account = await app.SignUpAsync();

        Assert.Equal(0, (await AdminAsync(null, "grant-admin", "--email", account.Email)).ExitCode);
        Assert.Matches(@"\s+yes\s+-\s+-", (await AdminAsync(null, "list-users", "--search", account.Email)).Output);
        Assert.Equal(0, (await AdminAsync(null, "revoke-admin", "--email", account.Email)).ExitCode);

        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<TaskBoardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Users.Where(u => u.Id == account.UserId).Select(u => u.IsAdmin).SingleAsync());
    }
}
