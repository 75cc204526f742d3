using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TaskBoard.Data.Database;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Database;

public sealed class MigrationTests
{
    private static readonly string[] Tables = ["users", "task", "auth_session", "audit_event", "data_protection_keys", "user_claims"];

    [Fact]
    public async Task FreshPostgresDatabaseMigratesToTheLatestMigration()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await AssertFullyMigratedAsync(database);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
            Assert.Superset(Tables.ToHashSet(), await ReadStringsAsync(command));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task FreshSqliteFileIsCreatedAndMigratedToTheLatestMigration()
    {
        var database = new SqliteDatabase();
        Assert.False(Directory.Exists(database.DataDirectory));
        await database.InitializeAsync();
        try
        {
            await AssertFullyMigratedAsync(database);
            var file = Path.Combine(database.DataDirectory, DatabaseConnection.SqliteFileName);
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection);
            Assert.Superset(Tables.ToHashSet(), await ReadStringsAsync(command));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public void NeitherProvidersModelHasChangesMissingFromItsMigrations()
    {
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(postgres.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the PostgreSQL model changed.");
        Assert.False(sqlite.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the SQLite model changed.");
    }

    [Fact]
    public void SqlScriptsMatchTheMigrations()
    {
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.True(GenerateScript(postgres, MigrationsSqlGenerationOptions.Idempotent) == ReadScript("postgres.sql"),
            "sql/postgres.sql is out of date: run scripts/update-sql.sh.");
        Assert.True(GenerateScript(sqlite, MigrationsSqlGenerationOptions.Default) == ReadScript("sqlite.sql"),
            "sql/sqlite.sql is out of date: run scripts/update-sql.sh.");
    }

    [Fact]
    public async Task PostgresScriptCanBeAppliedTwiceAndLeavesNothingPending()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                for (var run = 0; run < 2; run++)
                {
                    await using var command = new NpgsqlCommand(ReadScript("postgres.sql"), connection);
                    await command.ExecuteNonQueryAsync();
                }
            }

            await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UsePostgres(connectionString).Options);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }

    private static async Task AssertFullyMigratedAsync(TestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    private static async Task<HashSet<string>> ReadStringsAsync(System.Data.Common.DbCommand command)
    {
        var values = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static string GenerateScript(DbContext db, MigrationsSqlGenerationOptions options) =>
        Normalize(db.GetService<IMigrator>().GenerateScript(options: options));

    private static string ReadScript(string file) => Normalize(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "sql", file)));

    private static string Normalize(string script) => script.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();
}
