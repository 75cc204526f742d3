namespace TaskBoard.Data.Tasks;

/// <summary>The board column a task sits in.</summary>
public enum TaskItemStatus : short
{
    Todo = 0,
    InProgress = 1,
    Done = 2,
}

/// <summary>Ordered from least to most pressing, so sorting by value sorts by urgency.</summary>
public enum TaskPriority : short
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Urgent = 4,
}

public sealed class TaskItem
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int MaxTags = 20;
    public const int TagMaxLength = 40;
    public const int IdempotencyKeyMaxLength = 200;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public TaskItemStatus Status { get; set; }
    public TaskPriority Priority { get; set; }
    public DateTime? DueAt { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>Fractional order inside the status column; smaller comes first.</summary>
    public double Position { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>Incremented on every write; the optimistic-concurrency token and the API's ETag.</summary>
    public int Version { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c> of the request that created the task, unique per user; never shown.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>A hash of what that request asked for, so a key reused for a different task is refused; never shown.</summary>
    public string? IdempotencyFingerprint { get; set; }
}
