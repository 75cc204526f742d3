namespace TaskBoard.Data.Tasks;

/// <summary>
/// Everything a person supplies for a new task. Where it goes: <paramref name="ColumnId"/>; else the first
/// column of <paramref name="BoardId"/> (the default board when absent), or with <paramref name="Completed"/>
/// the first column that is (true) or is not (false) done.
/// </summary>
public sealed record TaskDraft(
    string Title,
    string? Description = null,
    TaskPriority Priority = TaskPriority.None,
    DateTime? DueAt = null,
    IReadOnlyList<string>? Tags = null,
    DateOnly? DueDate = null,
    Guid? BoardId = null,
    Guid? ColumnId = null,
    bool? Completed = null,
    IReadOnlyList<Guid>? AssigneeIds = null);

/// <summary>A partial update: only the fields that are present change.</summary>
public sealed record TaskPatch
{
    public Optional<string> Title { get; init; }
    public Optional<string?> Description { get; init; }
    public Optional<TaskPriority> Priority { get; init; }
    public Optional<DateTime?> DueAt { get; init; }

    /// <summary>A calendar day instead of an instant; set one of the two.</summary>
    public Optional<DateOnly?> DueDate { get; init; }
    public Optional<IReadOnlyList<string>> Tags { get; init; }

    /// <summary>true moves the task to its board's first done column; false reopens it into the first column that is not done.</summary>
    public Optional<bool> Completed { get; init; }

    /// <summary>Another board: the task goes to the bottom of its first column (first done column when completed).</summary>
    public Optional<Guid> BoardId { get; init; }

    /// <summary>Another column (of any board the user reaches): the task goes to its bottom.</summary>
    public Optional<Guid> ColumnId { get; init; }

    /// <summary>Who the task is assigned to: members of its board (replaces the list).</summary>
    public Optional<IReadOnlyList<Guid>> AssigneeIds { get; init; }
}

/// <summary>
/// Put a task into column <paramref name="ColumnId"/> (of any board the user reaches) between two neighbours: <paramref name="BeforeId"/> is the card
/// that will sit directly above it, <paramref name="AfterId"/> the card directly below. Either may be
/// omitted (top or bottom of that side); with neither, the task goes to the end of the column.
/// </summary>
public sealed record TaskMove(Guid ColumnId, Guid? BeforeId = null, Guid? AfterId = null);

public enum TaskSort
{
    /// <summary>Board order: board, column, then position within it.</summary>
    Position,

    /// <summary>Soonest due first; tasks without a due date last.</summary>
    Due,

    /// <summary>Most pressing first.</summary>
    Priority,

    /// <summary>Newest first.</summary>
    Created,

    /// <summary>Alphabetical.</summary>
    Title,
}

public enum DueWindow
{
    /// <summary>Due before now and not completed.</summary>
    Overdue,

    /// <summary>Due during the current day.</summary>
    Today,

    /// <summary>Due during the seven days starting today.</summary>
    Week,

    /// <summary>No due date.</summary>
    None,
}

public sealed record TaskQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Only this board's tasks (an archived board's too); without it or columns, every reachable board that is not archived.</summary>
    public Guid? BoardId { get; init; }

    /// <summary>Only tasks in these columns (an archived board's too).</summary>
    public IReadOnlyCollection<Guid>? ColumnIds { get; init; }

    /// <summary>The column, when the query names exactly one: board order within it needs no board or column place.</summary>
    public Guid? OneColumnId => ColumnIds is { Count: 1 } one ? one.First() : null;

    /// <summary>Only completed (true) or open (false) tasks.</summary>
    public bool? Completed { get; init; }
    public IReadOnlyCollection<TaskPriority>? Priorities { get; init; }
    public string? Tag { get; init; }

    /// <summary>Only tasks assigned to this person.</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>Only tasks assigned to nobody.</summary>
    public bool Unassigned { get; init; }

    /// <summary>Case-insensitive text that the title or description contains.</summary>
    public string? Text { get; init; }

    public DueWindow? Due { get; init; }

    /// <summary>The zone whose calendar defines "today" and "this week"; UTC when absent.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    public TaskSort Sort { get; init; } = TaskSort.Position;
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The <see cref="TaskPage.NextCursor"/> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Whether <see cref="Cursor"/> (if any) is one this query's sort made.</summary>
    public bool CursorFits => Cursor is null || TaskCursor.Decode(Cursor, Sort, OneColumnId) is not null;
}

public sealed record TaskPage(IReadOnlyList<TaskItem> Items, string? NextCursor);
