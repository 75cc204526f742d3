using System.Globalization;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary><c>GET /api/tasks</c>'s query string as a table: read and published from the same rows.</summary>
public sealed class TaskQueries : IQueryDefinition<TaskQuery>
{
    /// <summary>Stands for "the caller" in <c>assignee=me</c> until the endpoint, which knows who that is, puts in their id (<see cref="ForCaller"/>).</summary>
    private static readonly Guid MeMarker = Guid.AllBitsSet;

    /// <summary>The query with <c>assignee=me</c> made into the caller's id.</summary>
    public static TaskQuery ForCaller(TaskQuery query, Guid userId) => query.AssigneeId == MeMarker ? query with { AssigneeId = userId } : query;

    public static QueryTable<TaskQuery> Table => List;

    public static QueryTable<TaskQuery> List { get; } = new(
        [
            new("boardId", "Only this board's tasks (an archived board's too). Without it, the tasks of every board you reach that is not archived.",
                () => ApiSchema.String("A board id.", format: "uuid"),
                (v, q) => Guid.TryParse(v[0], out var id) ? q with { BoardId = id } : null,
                "Board id must be a board's id."),
            new("columnId", "Only tasks in these columns (repeat the parameter, or separate with commas).",
                () => ApiSchema.Array(ApiSchema.String("A column id.", format: "uuid"), "Columns."),
                (v, q) => QueryTable<TaskQuery>.IdSet(v) is { } set ? q with { ColumnIds = set } : null,
                "Column id must be a column's id.", Repeatable: true),
            new("completed", "Only completed (true) or open (false) tasks.",
                () => ApiSchema.Boolean("Completed or open."),
                (v, q) => QueryTable<TaskQuery>.Boolean(v[0]) is { } completed ? q with { Completed = completed } : null,
                "Completed must be true or false."),
            new("priority", "Only tasks with these priorities (repeat the parameter, or separate with commas).",
                () => ApiSchema.Array(ApiSchema.Enum<TaskPriority>("A priority."), "Priorities."),
                (v, q) => QueryTable<TaskQuery>.EnumSet<TaskPriority>(v) is { } set ? q with { Priorities = set } : null,
                TaskValidator.OneOf<TaskPriority>("Priority"), Repeatable: true),
            new("assignee", "Only tasks assigned to this person: me (you; across every board you reach, unless boardId narrows it), a member's user id, or none (assigned to nobody).",
                () => ApiSchema.String("me, none, or a user id.", 2, 36),
                (v, q) => v[0] switch
                {
                    "me" => q with { AssigneeId = MeMarker },
                    "none" => q with { Unassigned = true },
                    _ => Guid.TryParse(v[0], out var id) ? q with { AssigneeId = id } : null,
                },
                "Assignee must be me, none, or a user id."),
            new("tag", "Only tasks with this tag (exactly).", () => ApiSchema.String("A tag.", 1, TaskItem.TagMaxLength),
                (v, q) => q with { Tag = v[0] }, "Tag must be text."),
            new("q", "Only tasks whose title or description contains this text (case-insensitive).", () => ApiSchema.String("Text.", 1, TaskItem.TitleMaxLength),
                (v, q) => q with { Text = v[0] }, "Q must be text."),
            new("due", "Only tasks due in this window: overdue, today, the week starting today, or with no due date.",
                () => ApiSchema.Enum<DueWindow>("A due window."),
                (v, q) => ApiEnum<DueWindow>.TryParse(v[0], out var window) ? q with { Due = window } : null,
                TaskValidator.OneOf<DueWindow>("Due")),
            new("tz", "The IANA time zone whose calendar says what today is (default: the profile's zone, else UTC).",
                () => ApiSchema.String("An IANA time zone such as Europe/Berlin.", 1, 64),
                (v, q) => v[0].Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(v[0], out var zone) ? q with { TimeZone = zone } : null,
                "Time zone must be an IANA name such as Europe/Berlin."),
            new("sort", "The order: board position (board, column, place in the column; the default), soonest due, most pressing, newest, or title.",
                () => ApiSchema.Enum<TaskSort>("An order."),
                (v, q) => ApiEnum<TaskSort>.TryParse(v[0], out var sort) ? q with { Sort = sort } : null,
                TaskValidator.OneOf<TaskSort>("Sort")),
            new("limit", $"The page size, 1 to {TaskQuery.MaxLimit}.",
                () => ApiSchema.Integer("Tasks per page.", 1, TaskQuery.MaxLimit, TaskQuery.DefaultLimit),
                (v, q) => int.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= TaskQuery.MaxLimit
                    ? q with { Limit = limit } : null,
                $"Limit must be a whole number from 1 to {TaskQuery.MaxLimit}."),
            new("cursor", "The nextCursor of the previous page, with the same filters and sort.",
                () => ApiSchema.String("An opaque cursor.", 1, 1000),
                (v, q) => q with { Cursor = v[0] }, "Cursor must be text."),
        ],
        () => new TaskQuery(),
        (query, errors) =>
        {
            // Checked after sort is read, since a cursor belongs to one sort.
            if (!errors.ContainsKey("sort") && !query.CursorFits)
            {
                errors["cursor"] = ["The cursor is not valid for this query; start again without it."];
            }
        });
}
