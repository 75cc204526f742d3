using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace TaskBoard.Data.Database;

/// <summary>Brings the configured database up to the latest migration (used at startup and by the <c>migrate</c> command).</summary>
public sealed class DatabaseMigrator(
    DatabaseConnection connection,
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The history table is made first (CREATE TABLE IF NOT EXISTS), so reading it never fails on a
        // new database: EF logs each failed read as an error, which on a first start is no error at all.
        // (Npgsql's ExistsAsync cannot tell: it always answers true.)
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to the {Provider} database: {Migrations}",
                pending.Count, connection.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets the board and the API read while another request writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
