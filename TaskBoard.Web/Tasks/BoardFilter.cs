using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>What the board shows: the toolbar's search, filters and sort.</summary>
public sealed record BoardFilter(
    string? Text = null,
    IReadOnlyCollection<TaskPriority>? Priorities = null,
    string? Tag = null,
    DueWindow? Due = null,
    TaskSort Sort = TaskSort.Position)
{
    /// <summary>The reader's time zone: "today" and due days are read in it.</summary>
    public TimeZoneInfo? Zone { get; init; }

    /// <summary>Only cards assigned to this member.</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>Only cards assigned to nobody.</summary>
    public bool Unassigned { get; init; }

    /// <summary>Cards can be reordered by hand only in board order; other sorts just change columns.</summary>
    public bool ManualOrder => Sort == TaskSort.Position;

    /// <summary>Whether anything narrows the cards shown (so an empty column means "nothing matches", not "nothing here").</summary>
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Text) || Priorities is { Count: > 0 } || !string.IsNullOrWhiteSpace(Tag) || Due is not null
        || AssigneeId is not null || Unassigned;

    /// <summary>One column's cards.</summary>
    public TaskQuery For(Guid boardId, Guid columnId) => AllColumns(boardId) with { ColumnIds = [columnId] };

    /// <summary>The filters alone, for every column of the board (what the column counts count).</summary>
    public TaskQuery AllColumns(Guid boardId) => new()
    {
        BoardId = boardId,
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text,
        Priorities = Priorities is { Count: > 0 } ? Priorities : null,
        Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim(),
        Due = Due,
        AssigneeId = AssigneeId,
        Unassigned = Unassigned,
        TimeZone = Zone,
        Sort = Sort,
        Limit = TaskQuery.MaxLimit,
    };
}
