using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>
/// The real app in memory, configured only through its settings. <paramref name="addServices"/> may
/// add observers (such as a log sink); it never replaces the app's own services.
/// </summary>
public sealed class TaskBoardFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? addServices = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The app on the test database of <paramref name="database"/>'s provider.</summary>
    public static TaskBoardFactory For(PostgresDatabase database) =>
        new(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database.ConnectionString });

    /// <summary>A client whose every <c>/api</c> response is checked against the OpenAPI document (see <see cref="ApiContract"/>).</summary>
    public HttpClient ApiClient() => CreateDefaultClient(new ApiContractHandler(ApiContract.Document));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings given this way are visible while Program registers its services, unlike late configuration sources.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (addServices is not null)
        {
            builder.ConfigureTestServices(addServices);
        }
    }
}
