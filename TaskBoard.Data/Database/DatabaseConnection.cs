using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace TaskBoard.Data.Database;

/// <summary>The provider and connection string chosen from configuration, checked once at startup.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString, string DataDirectory, bool MigrateOnStartup)
{
    public const string PostgresKey = "ConnectionStrings:Postgres";
    public const string SqliteKey = "ConnectionStrings:Sqlite";
    public const string SqliteFileName = "taskboard.db";

    /// <summary>The connection pool's size unless the connection string sets <c>Maximum Pool Size</c>.</summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>How many statements each connection prepares automatically unless <c>Max Auto Prepare</c> is set.</summary>
    public const int DefaultMaxAutoPrepare = 50;

    /// <summary>Reads the <c>Database</c> section and connection strings; throws naming the key that is wrong.</summary>
    public static DatabaseConnection FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var options = Settings.Bind<DatabaseOptions>(configuration, DatabaseOptions.Section);

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new InvalidConfigurationException($"{DatabaseOptions.Section}:DataDirectory must not be empty.");
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory, contentRoot);
        var postgres = configuration[PostgresKey];
        var provider = options.Provider ?? (string.IsNullOrWhiteSpace(postgres) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres);

        return provider switch
        {
            DatabaseProvider.Postgres => new(provider, CheckPostgres(postgres), dataDirectory, options.MigrateOnStartup),
            _ => new(provider, SqliteConnectionString(configuration[SqliteKey], dataDirectory, contentRoot), dataDirectory, options.MigrateOnStartup),
        };
    }

    private static string CheckPostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidConfigurationException(
                $"{PostgresKey} is required when {DatabaseOptions.Section}:Provider is Postgres " +
                "(for example \"Host=localhost;Database=taskboard;Username=taskboard;Password=...\").");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The parser's message names the bad keyword, never a value, so it cannot leak the password.
            throw new InvalidConfigurationException($"{PostgresKey} is not a valid PostgreSQL connection string: {e.Message}", e);
        }

        // Npgsql's default pool (100) is PostgreSQL's whole default max_connections: a second instance,
        // or a burst of load, would then be refused by the server. A smaller pool queues instead.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToList();
        if (!Sets(given, "MaximumPoolSize", "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        // Statements the app runs again and again are prepared once per connection, not planned each time.
        if (!Sets(given, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        // The app keeps no session state on a connection (locks and settings are per transaction),
        // so a pooled connection need not be reset with DISCARD ALL each time it is taken.
        if (!Sets(given, "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Sets(IEnumerable<string> given, params string[] keys) =>
        given.Any(k => keys.Any(key => k.Equals(key, StringComparison.OrdinalIgnoreCase)));

    private static string SqliteConnectionString(string? configured, string dataDirectory, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(configured ?? $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}");
        }
        catch (ArgumentException e)
        {
            throw new InvalidConfigurationException($"{SqliteKey} is not a valid SQLite connection string: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidConfigurationException($"{SqliteKey} must name a database file (Data Source=...).");
        }

        // A relative file is relative to the content root, wherever the process was started from.
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        }

        return builder.ToString();
    }
}
