using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// Writes a task's activity history: what a write changed, as entries added to the write's own context,
/// so they are saved in the same transaction as the change (and never without it). Names of columns,
/// boards and people are written as they are now, so the history reads right after later renames.
/// </summary>
internal static class TaskHistory
{
    /// <summary>What a task looked like before a write, for comparing afterwards.</summary>
    internal sealed record Before(
        string Title, string? Description, TaskPriority Priority, DateTime? DueAt, bool DueIsDate, IReadOnlyList<string> Tags,
        Guid BoardId, Guid ColumnId, bool Completed, IReadOnlyList<Guid> AssigneeIds)
    {
        public static Before Of(TaskItem task) => new(
            task.Title, task.Description, task.Priority, task.DueAt, task.DueIsDate, [.. task.Tags],
            task.BoardId, task.ColumnId, task.Completed, [.. task.AssigneeIds]);
    }

    /// <summary>A new task: "created in {column}", and who it was assigned to.</summary>
    internal static async Task CreatedAsync(TaskBoardDbContext db, TaskItem task, string columnName, Guid actorId, DateTime now, CancellationToken cancellationToken)
    {
        db.TaskActivities.Add(TaskActivity.For(task.Id, actorId, now, ActivityKind.Created, ("column", columnName)));
        await AssignmentsAsync(db, task.Id, [], task.AssigneeIds, actorId, now, cancellationToken);
    }

    /// <summary>Where a moved task came from and went to, by name, when the caller has read them already.</summary>
    internal sealed record Places(string FromColumn, string FromBoard, string ToColumn, string ToBoard);

    /// <summary>
    /// Everything that differs between <paramref name="before"/> and <paramref name="after"/>. A caller that has
    /// the names of the columns (and boards) at hand passes them, which saves reading them.
    /// </summary>
    internal static async Task ChangedAsync(
        TaskBoardDbContext db, Before before, TaskItem after, Guid actorId, DateTime now, CancellationToken cancellationToken, Places? places = null)
    {
        if (before.Title != after.Title)
        {
            db.TaskActivities.Add(TaskActivity.For(after.Id, actorId, now, ActivityKind.Renamed, ("from", before.Title), ("to", after.Title)));
        }

        var edited = new List<string>();
        if (before.Description != after.Description)
        {
            edited.Add("description");
        }

        if (before.Priority != after.Priority)
        {
            edited.Add("priority");
        }

        if (before.DueAt != after.DueAt || before.DueIsDate != after.DueIsDate)
        {
            edited.Add("due");
        }

        if (!before.Tags.SequenceEqual(after.Tags, StringComparer.Ordinal))
        {
            edited.Add("tags");
        }

        if (edited.Count > 0)
        {
            db.TaskActivities.Add(TaskActivity.For(after.Id, actorId, now, ActivityKind.Edited, ("fields", string.Join(", ", edited))));
        }

        if (before.ColumnId != after.ColumnId)
        {
            Moved(db, before, after, actorId, now, places ?? await PlacesAsync(db, before, after, cancellationToken));
        }

        if (before.Completed != after.Completed)
        {
            db.TaskActivities.Add(TaskActivity.For(after.Id, actorId, now, after.Completed ? ActivityKind.Completed : ActivityKind.Reopened));
        }

        await AssignmentsAsync(db, after.Id, before.AssigneeIds, after.AssigneeIds, actorId, now, cancellationToken);
    }

    private static async Task<Places> PlacesAsync(TaskBoardDbContext db, Before before, TaskItem after, CancellationToken cancellationToken)
    {
        var names = await db.BoardColumns.AsNoTracking()
            .Where(c => c.Id == before.ColumnId || c.Id == after.ColumnId)
            .Join(db.Boards, c => c.BoardId, b => b.Id, (c, b) => new { c.Id, Column = c.Name, Board = b.Name })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var from = names.GetValueOrDefault(before.ColumnId);
        var to = names.GetValueOrDefault(after.ColumnId);
        return new Places(from?.Column ?? "a deleted column", from?.Board ?? "a deleted board", to?.Column ?? "", to?.Board ?? "");
    }

    private static void Moved(TaskBoardDbContext db, Before before, TaskItem after, Guid actorId, DateTime now, Places places)
    {
        var details = new List<(string, string)> { ("fromColumn", places.FromColumn), ("toColumn", places.ToColumn) };
        if (before.BoardId != after.BoardId)
        {
            details.Add(("fromBoard", places.FromBoard));
            details.Add(("toBoard", places.ToBoard));
        }

        db.TaskActivities.Add(TaskActivity.For(after.Id, actorId, now, ActivityKind.Moved, [.. details]));
    }

    private static async Task AssignmentsAsync(
        TaskBoardDbContext db, Guid taskId, IReadOnlyList<Guid> before, IReadOnlyList<Guid> after, Guid actorId, DateTime now, CancellationToken cancellationToken)
    {
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return;
        }

        var changed = added.Concat(removed).ToList();
        var names = await db.Users.AsNoTracking().Where(u => changed.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        foreach (var (ids, kind) in new[] { (added, ActivityKind.Assigned), (removed, ActivityKind.Unassigned) })
        {
            foreach (var id in ids)
            {
                db.TaskActivities.Add(TaskActivity.For(taskId, actorId, now, kind, ("userId", id.ToString()), ("name", names.GetValueOrDefault(id) ?? "a former member")));
            }
        }
    }
}
