using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// What changed, ids only, so nothing else travels. <paramref name="Topic"/> is a board (its tasks,
/// columns or members changed; <paramref name="TaskIds"/> names the tasks, empty meaning "reload it
/// all") or a person (their invitations or the boards they reach changed; no ids). <paramref name="Actor"/>
/// is who made the change, when known: an open board tells its own writes' echoes from other people's.
/// </summary>
public sealed record TaskChange(Guid Topic, IReadOnlyList<Guid> TaskIds, Guid? Actor = null);

/// <summary>
/// The change feed: every write publishes what it changed to its board, every open board of that board
/// on this instance hears about it (whoever is looking at it), and other instances are told through
/// <see cref="IChangeNotifier"/>. People have a topic of their own for invitations and memberships.
/// Subscribers run off the writer's path, so a slow board never slows a write.
/// </summary>
public sealed class TaskChangeFeed(ILogger<TaskChangeFeed> logger, IChangeNotifier otherInstances)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<TaskChange, Task>>> subscribers = new();

    /// <summary>Hears about changes to <paramref name="topic"/>: a board's id, or a person's.</summary>
    public IDisposable Subscribe(Guid topic, Func<TaskChange, Task> handler)
    {
        subscribers.AddOrUpdate(topic, _ => [handler], (_, handlers) => handlers.Add(handler));
        TaskBoardMetrics.LiveSubscribers.Add(1);
        return new Subscription(() =>
        {
            subscribers.AddOrUpdate(topic, _ => [], (_, handlers) => handlers.Remove(handler));
            TaskBoardMetrics.LiveSubscribers.Add(-1);
        });
    }

    /// <summary>A write to a board on this instance by <paramref name="actorId"/>: tell this instance's open copies of the board and the other instances.</summary>
    public void Publish(Guid boardId, IReadOnlyList<Guid> taskIds, Guid actorId)
    {
        Deliver(new TaskChange(boardId, taskIds, actorId));
        otherInstances.BoardChanged(boardId, taskIds, actorId);
    }

    /// <summary>A person's invitations or memberships changed: their app bar and board list catch up.</summary>
    public void PublishToUser(Guid userId)
    {
        Deliver(new TaskChange(userId, []));
        otherInstances.UserChanged(userId);
    }

    /// <summary>Tells this instance's subscribers of the topic (a change from here, or heard from another instance).</summary>
    public void Deliver(TaskChange change)
    {
        if (subscribers.TryGetValue(change.Topic, out var handlers))
        {
            foreach (var handler in handlers)
            {
                _ = DeliverAsync(handler, change);
            }
        }
    }

    /// <summary>After changes may have been missed (a lost listener connection): every subscriber reloads.</summary>
    public void ResynchroniseAll()
    {
        foreach (var topic in subscribers.Keys)
        {
            Deliver(new TaskChange(topic, []));
        }
    }

    private async Task DeliverAsync(Func<TaskChange, Task> handler, TaskChange change)
    {
        try
        {
            await Task.Yield();
            await handler(change);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A change subscriber failed for {Topic}", change.Topic);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
