namespace TaskBoard.Data.Tasks;

/// <summary>Ordered from least to most pressing, so sorting by value sorts by urgency.</summary>
public enum TaskPriority : short
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Urgent = 4,
}

public sealed class TaskItem : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int MaxTags = 20;
    public const int TagMaxLength = 40;
    public const int IdempotencyKeyMaxLength = 200;
    public const int MaxAssignees = 20;

    public Guid Id { get; set; }

    /// <summary>Who created the task (null once that account is gone). Who may reach it is decided by its board (<see cref="Boards.BoardAccess"/>), not by this.</summary>
    public Guid? CreatedBy { get; set; }

    /// <summary>Who changed it last (null once that account is gone).</summary>
    public Guid? UpdatedBy { get; set; }

    public Guid BoardId { get; set; }

    /// <summary>The column of <see cref="BoardId"/> the task stands in.</summary>
    public Guid ColumnId { get; set; }

    /// <summary>The column, for queries that order by where it stands; never loaded with the task.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Boards.BoardColumn? Column { get; set; }

    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public TaskPriority Priority { get; set; }
    /// <summary>
    /// When the task is due: an instant, or with <see cref="DueIsDate"/> a calendar day, kept as that
    /// day's midnight UTC. A day is due in the reader's own time zone: overdue once it has ended there.
    /// </summary>
    public DateTime? DueAt { get; set; }

    /// <summary><see cref="DueAt"/> names a calendar day (a date without a time), not an instant.</summary>
    public bool DueIsDate { get; set; }

    /// <summary>The due day, when the task is due on a day rather than at a time.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly? DueDate => DueIsDate && DueAt is { } day ? DateOnly.FromDateTime(day) : null;

    /// <summary>The due instant, when the task is due at a time rather than on a day.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTime? DueTime => DueIsDate ? null : DueAt;
    public List<string> Tags { get; set; } = [];

    /// <summary>The board members the task is assigned to; removing a member from the board unassigns them.</summary>
    public List<Guid> AssigneeIds { get; set; } = [];

    /// <summary>Fractional order inside the column; smaller comes first.</summary>
    public double Position { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the task entered a done column; set exactly while it stands in one.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>Whether the task stands in a done column.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Completed => CompletedAt is not null;

    /// <summary>Incremented on every write; the optimistic-concurrency token and the API's ETag.</summary>
    public int Version { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c> of the request that created the task, unique per creator; never shown.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? IdempotencyKey { get; set; }

    /// <summary>A hash of what that request asked for, so a key reused for a different task is refused; never shown.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? IdempotencyFingerprint { get; set; }

    /// <summary>A copy without the description (for where only the card is shown, and size matters).</summary>
    public TaskItem WithoutDescription()
    {
        var copy = (TaskItem)MemberwiseClone();
        copy.Description = null;
        copy.Tags = [.. Tags];
        copy.AssigneeIds = [.. AssigneeIds];
        return copy;
    }
}
