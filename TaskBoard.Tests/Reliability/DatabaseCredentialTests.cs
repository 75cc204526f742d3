using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Reliability;

/// <summary>A database that refuses the app's credentials: a clear word at startup, and 503 (not 500) while it runs.</summary>
public sealed class DatabaseCredentialTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("tb-home-credentials-").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    private Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "not the password" }.ConnectionString,
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["HOME"] = home,
        };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        return variables;
    }

    [Fact]
    public async Task AtStartupTheMessageNamesTheSettingWithoutAStackTraceOrThePassword()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment());

        Assert.Equal(1, exitCode);
        Assert.Contains("TaskBoard cannot start: the database refused the user name or password in ConnectionStrings:Postgres (28P01", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("not the password", output);
    }

    [Fact]
    public async Task WithoutMigrationsAtStartupTheApiAnswers503AndReadinessFails()
    {
        await using var app = await AppProcess.StartAsync(Environment(("Database__MigrateOnStartup", "false")), port: null, probe: "/health/live");
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "someone@example.test", password = "whatever it is" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Equal("service_unavailable", await Problems.CodeAsync(signIn));
        Assert.NotNull(signIn.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
