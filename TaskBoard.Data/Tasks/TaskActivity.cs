using System.Text.Json;

namespace TaskBoard.Data.Tasks;

/// <summary>What happened to a task, in its activity history.</summary>
public enum ActivityKind : short
{
    Created = 1,
    Renamed = 2,

    /// <summary>Its description, priority, due date or tags changed (Details.fields names which).</summary>
    Edited = 3,

    /// <summary>From one column to another (Details: fromColumn, toColumn, and fromBoard/toBoard across boards).</summary>
    Moved = 4,
    Completed = 5,
    Reopened = 6,
    Assigned = 7,
    Unassigned = 8,
    Commented = 9,

    /// <summary>Put back after a delete (the board's undo); the history from before the delete went with it.</summary>
    Restored = 10,
}

/// <summary>
/// One entry of a task's history: who did what, when. Written in the same transaction as the change it
/// records; names (columns, boards, people) are kept as they were then, so the history still reads
/// right after a rename or a deletion.
/// </summary>
public sealed class TaskActivity
{
    public const int DetailsMaxLength = 4_000;

    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    /// <summary>Who did it (null once that account is gone).</summary>
    public Guid? ActorId { get; set; }

    public DateTime At { get; set; }

    public ActivityKind Kind { get; set; }

    /// <summary>What changed, as a JSON object of strings (for example {"from":"Old title","to":"New title"}).</summary>
    public string Details { get; set; } = "{}";

    public static TaskActivity For(Guid taskId, Guid actorId, DateTime at, ActivityKind kind, params (string Key, string Value)[] details) => new()
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(at)),
        TaskId = taskId,
        ActorId = actorId,
        At = at,
        Kind = kind,
        Details = JsonSerializer.Serialize(details.ToDictionary(d => d.Key, d => d.Value)),
    };
}

/// <summary>An activity entry as it is read: with the actor's current display name (null once the account is gone).</summary>
public sealed record ActivityEntry(Guid Id, Guid TaskId, Guid? ActorId, string? ActorName, DateTime At, ActivityKind Kind, IReadOnlyDictionary<string, string> Details)
{
    public static ActivityEntry From(TaskActivity activity, string? actorName) => new(
        activity.Id, activity.TaskId, activity.ActorId, actorName, activity.At, activity.Kind,
        JsonSerializer.Deserialize<Dictionary<string, string>>(activity.Details) ?? []);
}
