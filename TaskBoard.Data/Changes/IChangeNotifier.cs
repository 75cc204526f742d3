namespace TaskBoard.Data.Changes;

/// <summary>
/// Tells the other app instances that share the database what changed, ids only. With one instance
/// (SQLite) there is nobody to tell; with PostgreSQL it is a NOTIFY that every instance's listener hears.
/// </summary>
public interface IChangeNotifier
{
    /// <summary>Tasks, columns or members of a board changed (no task ids: reload the board), by <paramref name="actorId"/>.</summary>
    void BoardChanged(Guid boardId, IReadOnlyList<Guid> taskIds, Guid actorId);

    /// <summary>A person's invitations or the boards they reach changed.</summary>
    void UserChanged(Guid userId);

    /// <summary>A session of the user was revoked, or the user was locked out or changed password.</summary>
    void SessionsChanged(Guid userId);
}

internal sealed class NoOtherInstances : IChangeNotifier
{
    public void BoardChanged(Guid boardId, IReadOnlyList<Guid> taskIds, Guid actorId)
    {
    }

    public void UserChanged(Guid userId)
    {
    }

    public void SessionsChanged(Guid userId)
    {
    }
}
