using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace TaskBoard.Data.Tasks;

/// <summary>Which of a user's tasks changed: ids only, so nothing else travels.</summary>
public sealed record TaskChange(Guid UserId, IReadOnlyList<Guid> TaskIds);

/// <summary>
/// The per-user change feed inside one app instance: every task write publishes the changed ids and
/// every open board of that user hears about them. Subscribers run off the writer's path, so a slow
/// board never slows a write.
/// </summary>
public sealed class TaskChangeFeed(ILogger<TaskChangeFeed> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<TaskChange, Task>>> subscribers = new();

    public IDisposable Subscribe(Guid userId, Func<TaskChange, Task> handler)
    {
        subscribers.AddOrUpdate(userId, _ => [handler], (_, handlers) => handlers.Add(handler));
        return new Subscription(() => subscribers.AddOrUpdate(userId, _ => [], (_, handlers) => handlers.Remove(handler)));
    }

    public void Publish(Guid userId, IReadOnlyList<Guid> taskIds)
    {
        if (taskIds.Count == 0 || !subscribers.TryGetValue(userId, out var handlers))
        {
            return;
        }

        var change = new TaskChange(userId, taskIds);
        foreach (var handler in handlers)
        {
            _ = DeliverAsync(handler, change);
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
