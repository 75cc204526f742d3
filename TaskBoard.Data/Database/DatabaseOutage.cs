using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskBoard.Data.Database;

/// <summary>
/// Tells a database that cannot be reached right now (stopped, restarting, refusing connections, too
/// busy) from a bug: the first is a 503 and worth retrying, the second is a 500.
/// </summary>
public static class DatabaseOutage
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCannotOpen = 14;

    /// <summary>
    /// PostgreSQL refusing the connection itself: wrong password or user (28P01, 28000), no such
    /// database (3D000). Not transient, but the service is just as unavailable: fixing the settings
    /// (or the server) brings it back without a code change.
    /// </summary>
    private static readonly HashSet<string> ConnectionRefusals = [PostgresErrorCodes.InvalidPassword, PostgresErrorCodes.InvalidAuthorizationSpecification, PostgresErrorCodes.InvalidCatalogName];

    /// <summary>Whether <paramref name="exception"/>, or anything it wraps, says the database is unreachable.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection refused or reset, server shutting down or starting up, timeouts, too many connections.
                case NpgsqlException npgsql when npgsql.IsTransient:
                case PostgresException postgres when ConnectionRefusals.Contains(postgres.SqlState):
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteCannotOpen }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When the server refused the connection's credentials or database: one sentence naming the
    /// setting to fix, for the startup message (no stack trace, no password).
    /// </summary>
    public static string? DescribeRefusal(Exception exception, string settingKey)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres && ConnectionRefusals.Contains(postgres.SqlState))
            {
                return postgres.SqlState == PostgresErrorCodes.InvalidCatalogName
                    ? $"the database named in {settingKey} does not exist ({postgres.SqlState}: {postgres.MessageText})."
                    : $"the database refused the user name or password in {settingKey} ({postgres.SqlState}: {postgres.MessageText}).";
            }
        }

        return null;
    }
}
