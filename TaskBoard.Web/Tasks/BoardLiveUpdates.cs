using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>
/// Decides which changes from the feed reload a board: not the echo of the board's own writes (it
/// has reloaded for those already), and not while a card is being dragged (the drop reloads anyway).
/// A change by another member to a task this board wrote a moment ago is not an echo.
/// </summary>
public sealed class BoardLiveUpdates(TimeProvider time, Guid reader)
{
    /// <summary>How long after a write its echo from the feed is still recognised as this board's own.</summary>
    public static readonly TimeSpan EchoWindow = TimeSpan.FromSeconds(5);

    /// <summary>The longest a drag holds reloads off, so a drag abandoned outside the board cannot freeze it.</summary>
    public static readonly TimeSpan DragHoldOff = TimeSpan.FromSeconds(15);

    private readonly Dictionary<Guid, DateTimeOffset> ownWrites = [];
    private DateTimeOffset? dragStartedAt;

    /// <summary>The number of writes still remembered (old ones are forgotten as new ones arrive).</summary>
    public int Remembered => ownWrites.Count;

    /// <summary>Remembers a task this board just wrote, so its echo from the feed is not another reload.</summary>
    public void Wrote(Guid taskId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in ownWrites)
        {
            if (now - at >= EchoWindow)
            {
                ownWrites.Remove(id);
            }
        }

        ownWrites[taskId] = now;
    }

    public void DragStarted() => dragStartedAt = time.GetUtcNow();

    public void DragEnded() => dragStartedAt = null;

    /// <summary>Whether <paramref name="change"/> should reload the board now.</summary>
    public bool ShouldReload(TaskChange change)
    {
        var now = time.GetUtcNow();
        var dragging = dragStartedAt is { } started && now - started < DragHoldOff;
        var echo = change.TaskIds.Count > 0 && change.Actor == reader
            && change.TaskIds.All(id => ownWrites.TryGetValue(id, out var at) && now - at < EchoWindow);
        return !dragging && !echo;
    }
}
