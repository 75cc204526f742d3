using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Changes;

/// <summary>
/// LISTENs for other instances' changes on a connection of its own and applies them here: board and person changes
/// reach this instance's open boards and app bars; session changes evict cached session checks, so a revocation on
/// another instance takes effect within one circuit re-check. A lost connection is retried with backoff,
/// and after reconnecting every board reloads and every session is checked afresh, since notifications
/// sent meanwhile are gone.
/// </summary>
public sealed class PostgresChangeListener(
    string connectionString,
    InstanceIdentity instance,
    TaskChangeFeed feed,
    SessionService sessions,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    /// <summary>The <c>application_name</c> of the listening connection, as seen in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "taskboard-listener";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Set while LISTEN is active; tests and health checks can wait for it.</summary>
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        var connectedBefore = false;
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            KeepAlive = 10,
        };

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Apply(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeMessage.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Listening = true;
                backoff = TimeSpan.FromMilliseconds(200);
                if (connectedBefore)
                {
                    logger.LogInformation("Change listener reconnected; resynchronising open boards and session checks");
                    sessions.EvictAll();
                    feed.ResynchroniseAll();
                }

                connectedBefore = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Listening = false;
                logger.LogWarning("Change listener lost its connection ({Reason}); retrying in {Backoff}", e.Message, backoff);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        Listening = false;
    }

    private void Apply(string payload)
    {
        foreach (var message in ChangeMessage.DecodeAll(payload))
        {
            if (message.Origin != instance.Id)
            {
                Apply(message);
            }
        }
    }

    private void Apply(ChangeMessage message)
    {

        if (message.SentAtMs is { } sent)
        {
            TaskBoardMetrics.NotificationLag.Record(Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sent));
        }

        if (message.Kind == ChangeMessage.Sessions)
        {
            sessions.EvictUser(message.Topic);
        }
        else
        {
            feed.Deliver(new TaskChange(message.Topic, message.TaskIds, message.Actor));
        }
    }
}
