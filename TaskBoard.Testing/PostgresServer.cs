using Npgsql;

namespace TaskBoard.Testing;

/// <summary>
/// The PostgreSQL server the tests use, named by <c>TASKBOARD_TEST_POSTGRES</c> (a connection string
/// for a role that may create databases). <c>./test.sh</c> installs and starts one and sets it.
/// Each caller gets a database of its own, so test classes run in parallel without touching each other.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "TASKBOARD_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh, which installs and starts PostgreSQL, " +
                $"or set {Variable} to a connection string for a role with CREATEDB and CREATEROLE, e.g. " +
                "\"Host=127.0.0.1;Port=5432;Username=taskboard_test;Password=...;Database=postgres\".");

    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var name = $"tb_test_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return (name, builder.ConnectionString);
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                return;
            }
            catch (InvalidOperationException e) when (attempt < 10 && e.InnerException is PostgresException
            {
                // A session of another role (a test's least-privilege role, a server worker) that is still ending
                // cannot be terminated by this role: it is gone a moment later.
                SqlState: PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse,
            })
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"The test PostgreSQL server named by {Variable} cannot be used ({e.Message}). Start it, or run ./test.sh.", e);
        }
    }
}
