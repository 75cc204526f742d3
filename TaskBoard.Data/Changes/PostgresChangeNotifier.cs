using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TaskBoard.Data.Changes;

/// <summary>
/// Sends NOTIFY on <see cref="ChangeMessage.Channel"/>, off the writer's path: one sender drains a
/// queue and sends whatever has gathered as one batch, packed into as few notifications as fit, so a
/// burst of writes costs one connection, one round trip and (mostly) one notification, not one each.
/// Failures are only logged.
/// </summary>
public sealed class PostgresChangeNotifier : IChangeNotifier, IAsyncDisposable
{
    /// <summary>How long changes gather before they are sent: well within what people notice, long enough to share a notification under load.</summary>
    public static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(10);

    /// <summary>The most changes sent in one round trip.</summary>
    public const int MaxBatch = 100;

    private readonly NpgsqlDataSource dataSource;
    private readonly InstanceIdentity instance;
    private readonly ILogger<PostgresChangeNotifier> logger;
    private readonly Channel<ChangeMessage> queue = Channel.CreateUnbounded<ChangeMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task sender;

    public PostgresChangeNotifier(NpgsqlDataSource dataSource, InstanceIdentity instance, ILogger<PostgresChangeNotifier> logger)
    {
        this.dataSource = dataSource;
        this.instance = instance;
        this.logger = logger;
        sender = Task.Run(SendAllAsync);
    }

    public void BoardChanged(Guid boardId, IReadOnlyList<Guid> taskIds, Guid actorId) =>
        queue.Writer.TryWrite(new ChangeMessage(ChangeMessage.Board, instance.Id, boardId, taskIds, Now(), actorId));

    public void UserChanged(Guid userId) => queue.Writer.TryWrite(new ChangeMessage(ChangeMessage.User, instance.Id, userId, [], Now()));

    public void SessionsChanged(Guid userId) => queue.Writer.TryWrite(new ChangeMessage(ChangeMessage.Sessions, instance.Id, userId, [], Now()));

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task SendAllAsync()
    {
        var batch = new List<ChangeMessage>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            // A short wait lets a burst gather: one notification for many writes costs the database far less than one each.
            await Task.Delay(Gathering);
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var message))
            {
                batch.Add(message);
            }

            await SendAsync(batch);
            batch.Clear();
        }
    }

    private async Task SendAsync(List<ChangeMessage> messages)
    {
        try
        {
            // The batch is one implicit transaction. A notification is a hint (listeners resync after
            // any gap), so its commit does not wait for the disk: a write costs one flush, not two.
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
            foreach (var payload in ChangeMessage.Pack(messages))
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = "SELECT pg_notify($1, $2)";
                command.Parameters.Add(new NpgsqlParameter { Value = ChangeMessage.Channel });
                command.Parameters.Add(new NpgsqlParameter { Value = payload });
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Other instances catch up when their listener reconnects and resynchronises.
            logger.LogWarning("Could not notify other instances of {Count} changes: {Reason}", messages.Count, e.Message);
        }
    }

    /// <summary>Sends what is still queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await sender;
    }
}

/// <summary>This process, among the instances sharing the database: its own notifications are not delivered twice.</summary>
public sealed class InstanceIdentity
{
    public Guid Id { get; } = Guid.NewGuid();
}
