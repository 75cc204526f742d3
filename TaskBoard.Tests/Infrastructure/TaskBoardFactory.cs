using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>The real app in memory, configured only through its settings (never by replacing services).</summary>
public sealed class TaskBoardFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>The app on the test database of <paramref name="database"/>'s provider.</summary>
    public static TaskBoardFactory For(PostgresDatabase database) =>
        new(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database.ConnectionString });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings given this way are visible while Program registers its services, unlike late configuration sources.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
