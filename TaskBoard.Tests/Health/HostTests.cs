using System.Net;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Health;

public sealed class HostTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task OnPostgresLiveAndReadyAnswerHealthy()
    {
        await using var app = TaskBoardFactory.For(database);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutDatabaseSettingsItCreatesAndMigratesASqliteFile()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"taskboard-host-{Guid.NewGuid():N}");
        try
        {
            // Only the folder is moved out of the source tree; everything else is the zero-config default.
            await using var app = new TaskBoardFactory(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDirectory });
            using var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.True(File.Exists(Path.Combine(dataDirectory, DatabaseConnection.SqliteFileName)));
            Assert.Contains("<title>Sign in · TaskBoard</title>", await client.GetStringAsync("/"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task WhenTheDatabaseIsUnreachableReadyIs503AndLiveIs200()
    {
        await using var app = new TaskBoardFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
        });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MigrateCommandBringsTheDatabaseUpToDateAndExits()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var (exitCode, output) = await AppProcess.RunToExitAsync(
                new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString }, "migrate");

            Assert.True(exitCode == 0, output);
            Assert.Contains("The database is up to date", output);
            Assert.DoesNotContain("Now listening", output);
            await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UsePostgres(connectionString).Options);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Database__Provider", "Postgres", "ConnectionStrings:Postgres is required" },
        { "Database__Provider", "Oracle", "Database:Provider" },
        { "Database__MigrateOnStartup", "sometimes", "Database:MigrateOnStartup" },
        { "ConnectionStrings__Postgres", "Host=localhost;Password=hunter2-very-secret;Colour=blue", "ConnectionStrings:Postgres is not a valid" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadConfigurationStopsStartupWithAMessageNamingTheKey(string key, string value, string expected)
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(new Dictionary<string, string>
        {
            [key] = value,
            ["Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"taskboard-bad-{Guid.NewGuid():N}"),
        });

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("hunter2-very-secret", output);
        Assert.DoesNotContain("   at ", output); // a message, not a stack trace
    }
}
