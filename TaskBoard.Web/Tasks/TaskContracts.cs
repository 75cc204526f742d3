using System.Text.Json;
using System.Text.Json.Serialization;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>A task as the API shows it, with who created it, who changed it last (null once their account is gone) and who it is assigned to.</summary>
public sealed record TaskResponse(
    Guid Id,
    string Title,
    string? Description,
    Guid BoardId,
    Guid ColumnId,
    TaskPriority Priority,
    DateTime? DueAt,
    DateOnly? DueDate,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Guid> AssigneeIds,
    Guid? CreatedBy,
    Guid? UpdatedBy,
    double Position,
    bool Completed,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? CompletedAt,
    int Version)
{
    public static TaskResponse From(TaskItem task) => new(
        task.Id, task.Title, task.Description, task.BoardId, task.ColumnId, task.Priority, task.DueTime, task.DueDate, task.Tags, task.AssigneeIds, task.CreatedBy, task.UpdatedBy, task.Position,
        task.Completed, task.CreatedAt, task.UpdatedAt, task.CompletedAt, task.Version);
}

public sealed record TaskPageResponse(IReadOnlyList<TaskResponse> Items, string? NextCursor);

/// <summary>
/// Serialization code generated at build time for the API's hottest responses, instead of reflection at
/// run time. The options' converters (lower_snake enums) still apply.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskPageResponse))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
