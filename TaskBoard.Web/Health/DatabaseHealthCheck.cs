using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskBoard.Data.Database;

namespace TaskBoard.Web.Health;

/// <summary>Ready means the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<TaskBoardDbContext> contextFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason goes to the log through the health check publisher, never into the response.
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
