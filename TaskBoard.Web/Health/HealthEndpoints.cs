using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using TaskBoard.Web.Hosting;

namespace TaskBoard.Web.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddTaskBoardHealthChecks(this IServiceCollection services)
    {
        // Shutting down is answered before the checks run (ShutdownSetup.UseTaskBoardShutdown).
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and so does the database, and the app is not shutting down.</summary>
    public static IEndpointRouteBuilder MapTaskBoardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(ShutdownSetup.ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
