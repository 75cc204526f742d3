using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TaskBoard.Data.Database;

/// <summary>The one place each provider's EF Core options are set, shared by the app and the design-time tools.</summary>
internal static class ProviderConfiguration
{
    public const string MigrationsHistoryTable = "ef_migrations_history";

    public static TBuilder UsePostgres<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable)).UseSnakeCaseNamingConvention();
        return builder;
    }

    public static TBuilder UsePostgres<TBuilder>(this TBuilder builder, NpgsqlDataSource dataSource)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable)).UseSnakeCaseNamingConvention();
        return builder;
    }

    public static TBuilder UseSqliteFile<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable)).UseSnakeCaseNamingConvention();
        return builder;
    }
}
