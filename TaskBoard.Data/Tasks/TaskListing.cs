using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// Lists of tasks: checking a query, its filters, its orders, and where a cursor resumes. Every
/// query here starts from <see cref="Source"/>: the tasks the user may reach.
/// </summary>
internal static class TaskListing
{
    private const int SearchTextMaxLength = 200;

    /// <summary>
    /// The tasks a query looks through: the named board's, or the named columns' (archived boards' too: they
    /// were asked for), else those of every reachable board that is not archived.
    /// </summary>
    internal static IQueryable<TaskItem> Source(TaskBoardDbContext db, Guid userId, TaskQuery query) => query switch
    {
        { BoardId: { } boardId } => BoardAccess.Tasks(db, userId).Where(t => t.BoardId == boardId),
        { ColumnIds.Count: > 0 } => BoardAccess.Tasks(db, userId),
        _ => BoardAccess.ActiveTasks(db, userId),
    };

    internal static Dictionary<string, string[]> ValidateQuery(TaskQuery query, out TaskCursor? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        cursor = null;
        if (query.Limit is < 1 or > TaskQuery.MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {TaskQuery.MaxLimit}."];
        }

        if (!Enum.IsDefined(query.Sort))
        {
            errors["sort"] = [TaskValidator.OneOf<TaskSort>("Sort")];
        }
        else if (query.Cursor is not null && (cursor = TaskCursor.Decode(query.Cursor, query.Sort, query.OneColumnId)) is null)
        {
            errors["cursor"] = ["The cursor is not valid for this query; start again without it."];
        }

        if (query.ColumnIds is { Count: > Board.MaxColumns })
        {
            errors["columnId"] = [$"Name at most {Board.MaxColumns} columns."];
        }

        if (query.Priorities?.Any(p => !Enum.IsDefined(p)) == true)
        {
            errors["priority"] = [TaskValidator.OneOf<TaskPriority>("Priority")];
        }

        if (query.Due is { } due && !Enum.IsDefined(due))
        {
            errors["due"] = [TaskValidator.OneOf<DueWindow>("Due")];
        }

        if (TaskValidator.CheckText("The search text", query.Text, SearchTextMaxLength, required: false, multiline: false) is { } textError)
        {
            errors["q"] = [textError];
        }

        if (TaskValidator.CheckText("The tag", query.Tag, TaskItem.TagMaxLength, required: false, multiline: false) is { } tagError)
        {
            errors["tag"] = [tagError];
        }

        return errors;
    }

    /// <summary>A due window without a zone of its own is read in the user's zone (their profile's), else UTC.</summary>
    internal static async Task<TaskQuery> WithZoneAsync(TaskBoardDbContext db, Guid userId, TaskQuery query, CancellationToken cancellationToken)
    {
        if (query.Due is null || query.TimeZone is not null)
        {
            return query;
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return query with { TimeZone = DueDates.FindZone(name) ?? TimeZoneInfo.Utc };
    }

    internal static IQueryable<TaskItem> Filter(IQueryable<TaskItem> tasks, TaskQuery query, DateTime now)
    {
        if (query.ColumnIds is { Count: 1 } one)
        {
            var columnId = one.First();
            tasks = tasks.Where(t => t.ColumnId == columnId);
        }
        else if (query.ColumnIds is { Count: > 1 } columnIds)
        {
            tasks = tasks.Where(t => columnIds.Contains(t.ColumnId));
        }

        if (query.Completed is { } completed)
        {
            tasks = completed ? tasks.Where(t => t.CompletedAt != null) : tasks.Where(t => t.CompletedAt == null);
        }

        if (query.Priorities is { Count: > 0 } priorities)
        {
            tasks = tasks.Where(t => priorities.Contains(t.Priority));
        }

        if (query.AssigneeId is { } assignee)
        {
            tasks = tasks.Where(t => t.AssigneeIds.Contains(assignee));
        }
        else if (query.Unassigned)
        {
            tasks = tasks.Where(t => t.AssigneeIds.Count == 0);
        }

        if (!string.IsNullOrEmpty(query.Tag))
        {
            var tag = query.Tag;
            tasks = tasks.Where(t => t.Tags.Contains(tag));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            tasks = tasks.Where(t => t.Title.ToLower().Contains(text) || (t.Description != null && t.Description.ToLower().Contains(text)));
        }

        return query.Due is { } due ? FilterDue(tasks, due, query.TimeZone ?? TimeZoneInfo.Utc, now) : tasks;
    }

    private static IQueryable<TaskItem> FilterDue(IQueryable<TaskItem> tasks, DueWindow due, TimeZoneInfo zone, DateTime now)
    {
        // Timed tasks compare with instants; day tasks (stored as their midnight UTC) with the reader's calendar day.
        var today = DueDates.Today(now, zone);
        var startOfToday = DueDates.StartOfDayUtc(today, zone);
        var endOfToday = DueDates.StartOfDayUtc(today.AddDays(1), zone);
        var endOfWeek = DueDates.StartOfDayUtc(today.AddDays(7), zone);
        var todayDay = DueDates.Stored(today);
        var tomorrowDay = DueDates.Stored(today.AddDays(1));
        var weekEndDay = DueDates.Stored(today.AddDays(7));
        return due switch
        {
            DueWindow.Overdue => tasks.Where(t => t.CompletedAt == null
                && ((!t.DueIsDate && t.DueAt < now) || (t.DueIsDate && t.DueAt < todayDay))),
            DueWindow.Today => tasks.Where(t => (!t.DueIsDate && t.DueAt >= startOfToday && t.DueAt < endOfToday)
                || (t.DueIsDate && t.DueAt >= todayDay && t.DueAt < tomorrowDay)),
            DueWindow.Week => tasks.Where(t => (!t.DueIsDate && t.DueAt >= startOfToday && t.DueAt < endOfWeek)
                || (t.DueIsDate && t.DueAt >= todayDay && t.DueAt < weekEndDay)),
            _ => tasks.Where(t => t.DueAt == null),
        };
    }

    /// <summary>The first page of one column in board order, with no other filter: TaskService's compiled column query answers it.</summary>
    internal static bool IsColumnStart(TaskQuery query, TaskCursor? cursor) =>
        cursor is null && query.Sort == TaskSort.Position && query.OneColumnId is not null && query.Completed is null
        && query.Priorities is not { Count: > 0 } && query.AssigneeId is null && !query.Unassigned && string.IsNullOrEmpty(query.Tag) && string.IsNullOrWhiteSpace(query.Text) && query.Due is null;

    /// <summary>
    /// Board order within one column needs neither the board nor the column's place (both are the same
    /// for every row), which lets the database read the column's index in order instead of sorting.
    /// </summary>
    internal static IQueryable<TaskItem> Order(IQueryable<TaskItem> tasks, TaskQuery query) => query.Sort switch
    {
        TaskSort.Position when query.OneColumnId is not null => tasks.OrderBy(t => t.Position).ThenBy(t => t.Id),
        TaskSort.Position => tasks.OrderBy(t => t.BoardId).ThenBy(t => t.Column!.Position).ThenBy(t => t.Position).ThenBy(t => t.Id),
        TaskSort.Due => tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        TaskSort.Priority => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
        TaskSort.Created => tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        _ => tasks.OrderBy(t => t.Title).ThenBy(t => t.Id),
    };

    /// <summary>The rows strictly after the cursor in <see cref="Order"/>'s order.</summary>
    internal static IQueryable<TaskItem> After(IQueryable<TaskItem> tasks, TaskCursor cursor)
    {
        var id = cursor.Id;
        switch (cursor.Sort)
        {
            case TaskSort.Position when cursor.ColumnId is not null:
                var inColumn = cursor.Position!.Value;
                return tasks.Where(t => t.Position > inColumn || (t.Position == inColumn && t.Id.CompareTo(id) > 0));
            case TaskSort.Position:
                var boardId = cursor.BoardId!.Value;
                var place = cursor.Rank!.Value;
                var position = cursor.Position!.Value;
                return tasks.Where(t => t.BoardId.CompareTo(boardId) > 0
                    || (t.BoardId == boardId && (t.Column!.Position > place
                        || (t.Column!.Position == place && (t.Position > position || (t.Position == position && t.Id.CompareTo(id) > 0))))));
            case TaskSort.Due when cursor.Time is { } dueAt:
                return tasks.Where(t => t.DueAt == null || t.DueAt > dueAt || (t.DueAt == dueAt && t.Id.CompareTo(id) > 0));
            case TaskSort.Due:
                return tasks.Where(t => t.DueAt == null && t.Id.CompareTo(id) > 0);
            case TaskSort.Priority:
                var priority = (TaskPriority)cursor.Rank!.Value;
                return tasks.Where(t => t.Priority < priority || (t.Priority == priority && t.Id.CompareTo(id) > 0));
            case TaskSort.Created:
                var createdAt = cursor.Time!.Value;
                return tasks.Where(t => t.CreatedAt < createdAt || (t.CreatedAt == createdAt && t.Id.CompareTo(id) < 0));
            default:
                var title = cursor.Title!;
                return tasks.Where(t => string.Compare(t.Title, title) > 0 || (t.Title == title && t.Id.CompareTo(id) > 0));
        }
    }
}
