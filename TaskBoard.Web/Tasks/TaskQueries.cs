using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary><c>GET /api/tasks</c>'s query string as a table: read and published from the same rows.</summary>
public static class TaskQueries
{
    public static QueryTable<TaskQuery> List { get; } = new(
        [
            new("status", "Only tasks in these columns (repeat the parameter, or separate with commas).",
                () => ApiSchema.Array(ApiSchema.Enum<TaskItemStatus>("A column."), "Columns."),
                (v, q) => QueryTable<TaskQuery>.EnumSet<TaskItemStatus>(v) is { } set ? q with { Statuses = set } : null,
                TaskValidator.OneOf<TaskItemStatus>("Status"), Repeatable: true),
            new("priority", "Only tasks with these priorities (repeat the parameter, or separate with commas).",
                () => ApiSchema.Array(ApiSchema.Enum<TaskPriority>("A priority."), "Priorities."),
                (v, q) => QueryTable<TaskQuery>.EnumSet<TaskPriority>(v) is { } set ? q with { Priorities = set } : null,
                TaskValidator.OneOf<TaskPriority>("Priority"), Repeatable: true),
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
            new("sort", "The order: board position (default), soonest due, most pressing, newest, or title.",
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

/// <summary>The query of <c>GET /api/tasks</c>, read by <see cref="TaskQueries.List"/>: the query, or the problem to answer.</summary>
public sealed record TaskListQuery(TaskQuery Value, ProblemHttpResult? Problem) : IEndpointParameterMetadataProvider
{
    public static ValueTask<TaskListQuery?> BindAsync(HttpContext http)
    {
        var (query, errors) = TaskQueries.List.Read(http.Request.Query);
        return ValueTask.FromResult<TaskListQuery?>(new(query, errors.Count > 0 ? ApiProblem.Validation(errors) : null));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ApiQueryMetadata(TaskQueries.List));
}
