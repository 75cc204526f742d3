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

    /// <summary>Whether <paramref name="exception"/>, or anything it wraps, says the database is unreachable.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection refused or reset, server shutting down or starting up, timeouts, too many connections.
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteCannotOpen }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
