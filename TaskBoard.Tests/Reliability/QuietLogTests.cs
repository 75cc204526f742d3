using System.Net;

namespace TaskBoard.Tests.Reliability;

/// <summary>What is normal is not logged as an error: the first start on an empty database, and a planned stop.</summary>
public sealed class QuietLogTests : IAsyncLifetime
{
    private readonly string home = Directory.CreateTempSubdirectory("tb-home-quiet-").FullName;
    private (string Name, string ConnectionString) database;

    /// <summary>An empty database, never migrated.</summary>
    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await PostgresServer.DropDatabaseAsync(database.Name);
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task TheFirstMigrationAndTheDrainingProbesLogNoError()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Shutdown__DrainDelay"] = "00:00:02",
            ["HOME"] = home,
        });
        Assert.Contains("Applying", app.Output); // this start migrated a new database
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var stopping = app.TerminateAsync(TimeSpan.FromSeconds(30));
        var draining = 0;
        while (!stopping.IsCompleted && draining < 5)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    draining++;
                }
            }
            catch (HttpRequestException)
            {
                break; // the listener has closed
            }

            await Task.Delay(100);
        }

        Assert.Equal(0, await stopping);
        Assert.True(draining > 0, "no probe saw the drain");
        var errors = app.Output.Split('\n').Where(line => line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
