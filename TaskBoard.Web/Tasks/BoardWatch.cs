using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>
/// Keeps an open board listening to the change feed: to the board it shows (moving along when it shows
/// another) and to the reader's own topic (invitations, boards shared with them or taken away).
/// </summary>
public sealed class BoardWatch(TaskChangeFeed feed, Func<TaskChange, Task> changed) : IDisposable
{
    private IDisposable? person;
    private IDisposable? board;

    /// <summary>The board listened to, if any.</summary>
    public Guid? BoardId { get; private set; }

    /// <summary>Listens to the reader's own topic (once).</summary>
    public void Person(Guid userId) => person ??= feed.Subscribe(userId, changed);

    /// <summary>Listens to <paramref name="boardId"/> instead of the board before.</summary>
    public void Board(Guid boardId)
    {
        if (BoardId == boardId)
        {
            return;
        }

        board?.Dispose();
        board = feed.Subscribe(boardId, changed);
        BoardId = boardId;
    }

    public void Dispose()
    {
        board?.Dispose();
        person?.Dispose();
    }
}
