using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Tasks;

/// <summary>Which of a user's tasks changed: ids only, so nothing else travels.</summary>
public sealed record TaskChange(Guid UserId, IReadOnlyList<Guid> TaskIds);

/// <summary>
/// The per-user change feed: every task write publishes the changed ids, every open board of that user
/// on this instance hears about them, and other instances are told through <see cref="IChangeNotifier"/>.
/// Subscribers run off the writer's path, so a slow board never slows a write.
/// </summary>
public sealed class TaskChangeFeed(ILogger<TaskChangeFeed> logger, IChangeNotifier otherInstances)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<TaskChange, Task>>> subscribers = new();

    public IDisposable Subscribe(Guid userId, Func<TaskChange, Task> handler)
    {
        subscribers.AddOrUpdate(userId, _ => [handler], (_, handlers) => handlers.Add(handler));
        TaskBoardMetrics.LiveSubscribers.Add(1);
        return new Subscription(() =>
        {
            subscribers.AddOrUpdate(userId, _ => [], (_, handlers) => handlers.Remove(handler));
            TaskBoardMetrics.LiveSubscribers.Add(-1);
        });
    }

    /// <summary>A write on this instance: tell this instance's boards and the other instances.</summary>
    public void Publish(Guid userId, IReadOnlyList<Guid> taskIds)
    {
        Deliver(new TaskChange(userId, taskIds));
        otherInstances.TasksChanged(userId, taskIds);
    }

    /// <summary>Tells this instance's boards of the user (a change from here, or heard from another instance).</summary>
    public void Deliver(TaskChange change)
    {
        if (subscribers.TryGetValue(change.UserId, out var handlers))
        {
            foreach (var handler in handlers)
            {
                _ = DeliverAsync(handler, change);
            }
        }
    }

    /// <summary>After changes may have been missed (a lost listener connection): every open board reloads.</summary>
    public void ResynchroniseAll()
    {
        foreach (var userId in subscribers.Keys)
        {
            Deliver(new TaskChange(userId, []));
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
            logger.LogWarning(e, "A task change subscriber failed for user {UserId}", change.UserId);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
