using System.Text.Json;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary>
/// The task request bodies as tables: each field's schema and how it is read, used both to read
/// requests and to publish their schemas (see <see cref="BodyTable{T}"/>).
/// </summary>
public static class TaskBodies
{
    private static readonly Dictionary<string, string> ServerOwned = new[] { "id", "userId", "createdAt", "updatedAt", "completedAt", "version", "position", "createdBy", "updatedBy" }
        .ToDictionary(n => n, _ => "This field is set by the server and cannot be written.");

    private static readonly BodyField<TaskPatch>[] EditableFields =
    [
        new("title", () => ApiSchema.String("One line of text.", 1, TaskItem.TitleMaxLength),
            (v, p) => JsonValues.TryString(v, out var title) ? p with { Title = title } : null,
            "Title must be a string of valid characters."),
        new("description", () => ApiSchema.String("Any text; null for none.", maxLength: TaskItem.DescriptionMaxLength).OrNull(),
            (v, p) => v.ValueKind == JsonValueKind.Null ? p with { Description = null }
                : JsonValues.TryString(v, out var description) ? p with { Description = description } : null,
            "Description must be a string of valid characters, or null."),
        new("boardId", () => ApiSchema.String("The board. Default: the task's board (for a new task, your default board).", format: "uuid"),
            (v, p) => JsonValues.TryGuid(v, out var id) ? p with { BoardId = id } : null,
            "Board id must be a board's id."),
        new("columnId", () => ApiSchema.String("The column (of any board you reach); the task goes to its bottom. Default: the board's first column, or with completed its first column that is or is not done.", format: "uuid"),
            (v, p) => JsonValues.TryGuid(v, out var id) ? p with { ColumnId = id } : null,
            "Column id must be a column's id."),
        new("completed", () => ApiSchema.Boolean("true puts the task into its board's first done column; false into its first column that is not done. It must agree with columnId when both are given."),
            (v, p) => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? p with { Completed = v.GetBoolean() } : null,
            "Completed must be true or false."),
        new("priority", () => ApiSchema.EnumRef<TaskPriority>("Default none."),
            (v, p) => JsonValues.TryEnum(v, out TaskPriority priority) ? p with { Priority = priority } : null,
            TaskValidator.OneOf<TaskPriority>("Priority")),
        new("dueAt", () => ApiSchema.String("An instant the task is due (ISO 8601; without an offset it is UTC); null for none. Give dueAt or dueDate, not both.", format: "date-time").OrNull(),
            (v, p) => v.ValueKind == JsonValueKind.Null ? p with { DueAt = null }
                : JsonValues.TryDay(v, out var day) ? p with { DueDate = day } // a date alone is a due day, as dueDate says it
                : JsonValues.TryTime(v, out var dueAt) ? p with { DueAt = dueAt } : null,
            "Due time must be an ISO 8601 date-time (such as 2026-03-01T17:00:00Z), or null."),
        new("dueDate", () => ApiSchema.String("A calendar day the task is due, read in the reader's time zone; null for none.", format: "date").OrNull(),
            (v, p) => v.ValueKind == JsonValueKind.Null ? p with { DueDate = null }
                : JsonValues.TryDay(v, out var day) ? p with { DueDate = day } : null,
            "Due date must be a calendar day (such as 2026-03-01), or null."),
        new("tags", () => ApiSchema.Array(ApiSchema.String("One tag.", 1, TaskItem.TagMaxLength), "Labels; null is the same as none.", TaskItem.MaxTags).OrNull(),
            (v, p) => v.ValueKind == JsonValueKind.Null ? p with { Tags = Array.Empty<string>() }
                : JsonValues.TryStrings(v, out var tags) ? p with { Tags = tags } : null,
            "Tags must be an array of strings of valid characters."),
        new(TaskService.AssigneesField, () => ApiSchema.Array(ApiSchema.String("A member's user id.", format: "uuid"),
                "Who the task is assigned to: members of its board (see /api/boards/{id}/members); null is the same as nobody.", TaskItem.MaxAssignees).OrNull(),
            (v, p) => v.ValueKind == JsonValueKind.Null ? p with { AssigneeIds = Array.Empty<Guid>() }
                : JsonValues.TryGuids(v, out var ids) ? p with { AssigneeIds = ids } : null,
            "Assignee ids must be an array of user ids."),
    ];

    private static void OneDue(TaskPatch patch, IReadOnlySet<string> seen, Dictionary<string, string[]> errors)
    {
        if (seen.Contains("dueAt") && seen.Contains("dueDate") && !errors.ContainsKey("dueDate"))
        {
            errors["dueDate"] = ["Give a due date (a day) or a due time (dueAt), not both."];
        }
    }

    /// <summary>POST /api/tasks and PUT /api/tasks/{id}: a whole task; omitted fields take their defaults.</summary>
    public static BodyTable<TaskPatch> Write { get; } = new(
        "TaskWrite",
        "A whole task: title is required, every other field takes its default when omitted. Where it stands (boardId, columnId, completed) " +
        "is kept by a replace that leaves them out.",
        EditableFields,
        ["title"],
        ServerOwned,
        () => new TaskPatch(),
        OneDue);

    /// <summary>PATCH /api/tasks/{id}: only the fields present change.</summary>
    public static BodyTable<TaskPatch> Patch { get; } = new(
        "TaskPatch",
        "Only the fields present change; null clears description, dueAt, dueDate and tags. completed: true moves the task to its board's first done column, " +
        "false reopens it into the first column that is not done; columnId or boardId move it to the bottom of that column or board.",
        EditableFields,
        [],
        ServerOwned,
        () => new TaskPatch(),
        OneDue);

    /// <summary>The fields of a move, before they are complete.</summary>
    public sealed record MoveFields(Guid? ColumnId = null, Guid? BeforeId = null, Guid? AfterId = null);

    /// <summary>POST /api/tasks/{id}/move.</summary>
    public static BodyTable<MoveFields> Move { get; } = new(
        "TaskMove",
        "Where to put the task: a column (of any board you reach), and the tasks that will sit directly above (beforeId) and below (afterId) it. " +
        "Neither: the bottom of the column. Entering a done column completes the task; leaving one reopens it.",
        [
            new("columnId", () => ApiSchema.String("The column.", format: "uuid"),
                (v, m) => JsonValues.TryGuid(v, out var id) ? m with { ColumnId = id } : null, "Column id must be a column's id."),
            new("beforeId", () => ApiSchema.String("The task that will sit directly above, or null.", format: "uuid").OrNull(),
                (v, m) => v.ValueKind == JsonValueKind.Null ? m : JsonValues.TryGuid(v, out var id) ? m with { BeforeId = id } : null,
                "Must be a task id or null."),
            new("afterId", () => ApiSchema.String("The task that will sit directly below, or null.", format: "uuid").OrNull(),
                (v, m) => v.ValueKind == JsonValueKind.Null ? m : JsonValues.TryGuid(v, out var id) ? m with { AfterId = id } : null,
                "Must be a task id or null."),
        ],
        ["columnId"],
        new Dictionary<string, string>(),
        () => new MoveFields());

    /// <summary>A create body as the complete set of fields, omitted ones at their defaults.</summary>
    public static TaskDraft ToDraft(TaskPatch patch) => new(
        patch.Title.Value,
        patch.Description.GetValueOr(null),
        patch.Priority.GetValueOr(TaskPriority.None),
        patch.DueAt.GetValueOr(null),
        patch.Tags.GetValueOr([]),
        patch.DueDate.GetValueOr(null),
        patch.BoardId.AsNullable(),
        patch.ColumnId.AsNullable(),
        patch.Completed.AsNullable(),
        patch.AssigneeIds.GetValueOr([]));

    /// <summary>A replacement: every editable field set, omitted ones to their defaults; where the task stands changes only when named.</summary>
    public static TaskPatch ToReplacement(TaskPatch patch)
    {
        var draft = ToDraft(patch);
        return new TaskPatch
        {
            Title = draft.Title,
            Description = draft.Description,
            Priority = draft.Priority,
            DueAt = draft.DueAt,
            DueDate = draft.DueDate,
            Tags = new Optional<IReadOnlyList<string>>(draft.Tags ?? []),
            AssigneeIds = new Optional<IReadOnlyList<Guid>>(draft.AssigneeIds ?? []),
            BoardId = patch.BoardId,
            ColumnId = patch.ColumnId,
            Completed = patch.Completed,
        };
    }

    public sealed class WriteBody : IBodyDefinition<TaskPatch>
    {
        public static BodyTable<TaskPatch> Table => Write;
    }

    public sealed class PatchBody : IBodyDefinition<TaskPatch>
    {
        public static BodyTable<TaskPatch> Table => TaskBodies.Patch;

        public static bool Patch => true;
    }

    public sealed class MoveBody : IBodyDefinition<MoveFields>
    {
        public static BodyTable<MoveFields> Table => Move;
    }
}
