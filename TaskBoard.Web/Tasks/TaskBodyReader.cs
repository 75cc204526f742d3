using System.Collections.Frozen;
using System.Text.Json;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary>
/// Reads task request bodies field by field, so each problem is reported against its field: wrong
/// types, unknown enum values, unknown fields, repeated fields, and fields the server owns (which
/// are refused, never applied). Distinguishes an absent field from an explicit null.
/// </summary>
public static class TaskBodyReader
{
    public enum Kind
    {
        Create,
        Replace,
        Patch,
    }

    private static readonly FrozenSet<string> ServerOwned =
        FrozenSet.Create(StringComparer.Ordinal, "id", "userId", "createdAt", "updatedAt", "completedAt", "version", "position");

    public static (TaskPatch Patch, Dictionary<string, string[]> Errors) Read(JsonElement body, Kind kind)
    {
        var errors = new Dictionary<string, string[]>();
        var patch = new TaskPatch();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object."];
            return (patch, errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in body.EnumerateObject())
        {
            var name = field.Name;
            var value = field.Value;
            if (!seen.Add(name))
            {
                errors[name] = ["This field is given more than once."];
                continue;
            }

            switch (name)
            {
                case "title" when TryString(value, out var title):
                    patch = patch with { Title = title };
                    break;
                case "title":
                    errors[name] = ["Title must be a string of valid characters."];
                    break;
                case "description" when value.ValueKind == JsonValueKind.Null:
                    patch = patch with { Description = null };
                    break;
                case "description" when TryString(value, out var description):
                    patch = patch with { Description = description };
                    break;
                case "description":
                    errors[name] = ["Description must be a string of valid characters, or null."];
                    break;
                case "status" when TryEnum(value, out TaskItemStatus status):
                    patch = patch with { Status = status };
                    break;
                case "status":
                    errors[name] = [$"Status must be one of {ApiEnum<TaskItemStatus>.Names}."];
                    break;
                case "priority" when TryEnum(value, out TaskPriority priority):
                    patch = patch with { Priority = priority };
                    break;
                case "priority":
                    errors[name] = [$"Priority must be one of {ApiEnum<TaskPriority>.Names}."];
                    break;
                case "dueAt" when value.ValueKind == JsonValueKind.Null:
                    patch = patch with { DueAt = null };
                    break;
                case "dueAt" when TryDay(value, out var day):
                    // A date alone is a due day (as dueDate says it).
                    patch = patch with { DueDate = day };
                    break;
                case "dueAt" when TryTime(value, out var dueAt):
                    patch = patch with { DueAt = dueAt };
                    break;
                case "dueAt":
                    errors[name] = ["Due time must be an ISO 8601 date-time (such as 2026-03-01T17:00:00Z), or null."];
                    break;
                case "dueDate" when value.ValueKind == JsonValueKind.Null:
                    patch = patch with { DueDate = null };
                    break;
                case "dueDate" when TryDay(value, out var dueDay):
                    patch = patch with { DueDate = dueDay };
                    break;
                case "dueDate":
                    errors[name] = ["Due date must be a calendar day (such as 2026-03-01), or null."];
                    break;
                case "tags" when value.ValueKind == JsonValueKind.Null:
                    patch = patch with { Tags = Array.Empty<string>() };
                    break;
                case "tags" when TryStrings(value, out var tags):
                    patch = patch with { Tags = tags };
                    break;
                case "tags":
                    errors[name] = ["Tags must be an array of strings of valid characters."];
                    break;
                case "completed" when kind != Kind.Patch:
                    errors[name] = ["Completion is changed with PATCH; here, use status \"done\"."];
                    break;
                case "completed" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    patch = patch with { Completed = value.GetBoolean() };
                    break;
                case "completed":
                    errors[name] = ["Completed must be true or false."];
                    break;
                default:
                    errors[name] = [ServerOwned.Contains(name)
                        ? "This field is set by the server and cannot be written."
                        : "Unknown field. Fields are: title, description, status, priority, dueAt, dueDate, tags" + (kind == Kind.Patch ? ", completed." : ".")];
                    break;
            }
        }

        if (seen.Contains("dueAt") && seen.Contains("dueDate") && !errors.ContainsKey("dueDate"))
        {
            errors["dueDate"] = ["Give a due date (a day) or a due time (dueAt), not both."];
        }

        if (kind != Kind.Patch && !patch.Title.HasValue && !errors.ContainsKey("title"))
        {
            errors["title"] = ["Title is required."];
        }

        return (patch, errors);
    }

    /// <summary>A create or replace body as the complete set of fields, omitted ones at their defaults.</summary>
    public static TaskDraft ToDraft(TaskPatch patch) => new(
        patch.Title.Value,
        patch.Description.GetValueOr(null),
        patch.Status.GetValueOr(TaskItemStatus.Todo),
        patch.Priority.GetValueOr(TaskPriority.None),
        patch.DueAt.GetValueOr(null),
        patch.Tags.GetValueOr([]),
        patch.DueDate.GetValueOr(null));

    /// <summary>A replacement: every editable field set, omitted ones to their defaults.</summary>
    public static TaskPatch ToReplacement(TaskPatch patch)
    {
        var draft = ToDraft(patch);
        return new TaskPatch
        {
            Title = draft.Title,
            Description = draft.Description,
            Status = draft.Status,
            Priority = draft.Priority,
            DueAt = draft.DueAt,
            DueDate = draft.DueDate,
            Tags = new Optional<IReadOnlyList<string>>(draft.Tags ?? []),
        };
    }

    public static (TaskMove? Move, Dictionary<string, string[]> Errors) ReadMove(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object."];
            return (null, errors);
        }

        TaskItemStatus? status = null;
        Guid? before = null, after = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in body.EnumerateObject())
        {
            if (!seen.Add(field.Name))
            {
                errors[field.Name] = ["This field is given more than once."];
                continue;
            }

            switch (field.Name)
            {
                case "status" when TryEnum(field.Value, out TaskItemStatus parsed):
                    status = parsed;
                    break;
                case "status":
                    errors["status"] = [$"Status must be one of {ApiEnum<TaskItemStatus>.Names}."];
                    break;
                case "beforeId" or "afterId" when field.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "beforeId" when TryString(field.Value, out var text) && Guid.TryParse(text, out var above):
                    before = above;
                    break;
                case "afterId" when TryString(field.Value, out var text) && Guid.TryParse(text, out var below):
                    after = below;
                    break;
                case "beforeId" or "afterId":
                    errors[field.Name] = ["Must be a task id or null."];
                    break;
                default:
                    errors[field.Name] = ["Unknown field. Fields are: status, beforeId, afterId."];
                    break;
            }
        }

        if (status is null && !errors.ContainsKey("status"))
        {
            errors["status"] = ["Status is required."];
        }

        return errors.Count > 0 ? (null, errors) : (new TaskMove(status!.Value, before, after), errors);
    }

    private static bool TryEnum<T>(JsonElement value, out T parsed)
        where T : struct, Enum
    {
        parsed = default;
        return TryString(value, out var text) && ApiEnum<T>.TryParse(text, out parsed);
    }

    /// <summary>
    /// A JSON string as .NET text. False for other kinds and for strings that are not valid UTF-16
    /// (an escaped lone surrogate such as "\ud800"), which cannot be read as text at all.
    /// </summary>
    private static bool TryString(JsonElement value, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryStrings(JsonElement value, out string[] texts)
    {
        texts = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (!TryString(item, out var text))
            {
                return false;
            }

            list.Add(text);
        }

        texts = [.. list];
        return true;
    }

    /// <summary>A calendar day written as yyyy-MM-dd.</summary>
    private static bool TryDay(JsonElement value, out DateOnly day)
    {
        day = default;
        return TryString(value, out var text) && text.Length == 10
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);
    }

    /// <summary>ISO 8601 (System.Text.Json's profile); a time without an offset is taken as UTC.</summary>
    private static bool TryTime(JsonElement value, out DateTime utc)
    {
        utc = default;
        if (!TryString(value, out _) || !value.TryGetDateTime(out var parsed))
        {
            return false;
        }

        utc = parsed.Kind switch
        {
            DateTimeKind.Local => parsed.ToUniversalTime(),
            _ => DateTime.SpecifyKind(parsed, DateTimeKind.Utc),
        };
        return true;
    }
}
