using Microsoft.Extensions.Logging;
using Npgsql;

namespace TaskBoard.Data.Changes;

/// <summary>Sends NOTIFY on <see cref="ChangeMessage.Channel"/>; off the writer's path, failures only logged.</summary>
public sealed class PostgresChangeNotifier(NpgsqlDataSource dataSource, InstanceIdentity instance, ILogger<PostgresChangeNotifier> logger)
    : IChangeNotifier
{
    public void TasksChanged(Guid userId, IReadOnlyList<Guid> taskIds) => _ = SendAsync(new ChangeMessage('t', instance.Id, userId, taskIds));

    public void SessionsChanged(Guid userId) => _ = SendAsync(new ChangeMessage('s', instance.Id, userId, []));

    private async Task SendAsync(ChangeMessage message)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.AddWithValue(ChangeMessage.Channel);
            command.Parameters.AddWithValue(message.Encode());
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Other instances catch up when their listener reconnects and resynchronises.
            logger.LogWarning("Could not notify other instances of a change: {Reason}", e.Message);
        }
    }
}

/// <summary>This process, among the instances sharing the database: its own notifications are not delivered twice.</summary>
public sealed class InstanceIdentity
{
    public Guid Id { get; } = Guid.NewGuid();
}
