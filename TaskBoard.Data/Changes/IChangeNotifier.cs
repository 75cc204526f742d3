namespace TaskBoard.Data.Changes;

/// <summary>
/// Tells the other app instances that share the database what changed, ids only. With one instance
/// (SQLite) there is nobody to tell; with PostgreSQL it is a NOTIFY that every instance's listener hears.
/// </summary>
public interface IChangeNotifier
{
    void TasksChanged(Guid userId, IReadOnlyList<Guid> taskIds);

    /// <summary>A session of the user was revoked, or the user was locked out or changed password.</summary>
    void SessionsChanged(Guid userId);
}

internal sealed class NoOtherInstances : IChangeNotifier
{
    public void TasksChanged(Guid userId, IReadOnlyList<Guid> taskIds)
    {
    }

    public void SessionsChanged(Guid userId)
    {
    }
}
