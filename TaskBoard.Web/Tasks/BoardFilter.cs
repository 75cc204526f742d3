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
    /// <summary>Cards can be reordered by hand only in board order; other sorts just change columns.</summary>
    public bool ManualOrder => Sort == TaskSort.Position;

    public TaskQuery For(TaskItemStatus status) => new()
    {
        Statuses = [status],
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text,
        Priorities = Priorities is { Count: > 0 } ? Priorities : null,
        Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim(),
        Due = Due,
        Sort = Sort,
        Limit = TaskQuery.MaxLimit,
    };
}
