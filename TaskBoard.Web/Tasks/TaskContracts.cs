using System.Text.Json;
using System.Text.Json.Serialization;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>A task as the API shows it. The owner is implied by the token and never shown.</summary>
public sealed record TaskResponse(
    Guid Id,
    string Title,
    string? Description,
    TaskItemStatus Status,
    TaskPriority Priority,
    DateTime? DueAt,
    DateOnly? DueDate,
    IReadOnlyList<string> Tags,
    double Position,
    bool Completed,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? CompletedAt,
    int Version)
{
    public static TaskResponse From(TaskItem task) => new(
        task.Id, task.Title, task.Description, task.Status, task.Priority, task.DueTime, task.DueDate, task.Tags, task.Position,
        task.Status == TaskItemStatus.Done, task.CreatedAt, task.UpdatedAt, task.CompletedAt, task.Version);
}

public sealed record TaskPageResponse(IReadOnlyList<TaskResponse> Items, string? NextCursor);

// The request shapes below document the bodies for OpenAPI; the endpoints read bodies with TaskBodyReader,
// which tells "absent" from "null" and rejects unknown or server-owned fields.

/// <summary>POST /api/tasks and PUT /api/tasks/{id}. PUT replaces every field: an omitted one takes its default.</summary>
public sealed record TaskWriteRequest(
    string Title, string? Description, TaskItemStatus? Status, TaskPriority? Priority, DateTimeOffset? DueAt, DateOnly? DueDate,
    IReadOnlyList<string>? Tags);

/// <summary>PATCH /api/tasks/{id}: only the fields present change; <c>completed</c> moves the task to done or back to todo.</summary>
public sealed record TaskPatchRequest(
    string? Title, string? Description, TaskItemStatus? Status, TaskPriority? Priority, DateTimeOffset? DueAt, DateOnly? DueDate,
    IReadOnlyList<string>? Tags,
    bool? Completed);

/// <summary>POST /api/tasks/{id}/move: <c>beforeId</c> is the task that will sit directly above, <c>afterId</c> directly below.</summary>
public sealed record TaskMoveRequest(TaskItemStatus Status, Guid? BeforeId, Guid? AfterId);

/// <summary>
/// Serialization code generated at build time for the API's hottest responses, instead of reflection at
/// run time. The options' converters (lower_snake enums) still apply.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskPageResponse))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
