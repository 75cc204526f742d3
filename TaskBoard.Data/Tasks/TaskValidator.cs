using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// The rules a task must satisfy, checked before anything is written. Public so the board's edit
/// dialog shows the same messages the API returns.
/// </summary>
public static class TaskValidator
{
    /// <summary>The one wording for a value outside an enum: "Priority must be one of none, low, medium, high, urgent." (declared order, as the API spells them).</summary>
    public static string OneOf<T>(string what)
        where T : struct, Enum =>
        $"{what} must be one of {string.Join(", ", Enum.GetValues<T>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())))}.";

    public static IReadOnlyDictionary<string, string[]> Validate(
        string? title, string? description, TaskPriority priority, IReadOnlyList<string>? tags)
    {
        var errors = new Dictionary<string, string[]>();
        Add(errors, "title", CheckText("Title", title, TaskItem.TitleMaxLength, required: true, multiline: false));
        Add(errors, "description", CheckText("Description", description, TaskItem.DescriptionMaxLength, required: false, multiline: true));
        if (!Enum.IsDefined(priority))
        {
            Add(errors, "priority", OneOf<TaskPriority>("Priority"));
        }

        Add(errors, "tags", CheckTags(tags));
        return errors;
    }

    /// <summary>What is wrong with a move of task <paramref name="id"/> before any row is read, or null.</summary>
    public static Dictionary<string, string[]>? CheckMove(Guid id, TaskMove move)
    {
        if (move.BeforeId == id || move.AfterId == id)
        {
            return new() { [move.BeforeId == id ? "beforeId" : "afterId"] = ["A task cannot be placed next to itself."] };
        }

        return move.BeforeId is not null && move.BeforeId == move.AfterId
            ? new() { ["afterId"] = ["The tasks above and below must be different."] }
            : null;
    }

    private static string? CheckTags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > TaskItem.MaxTags)
        {
            return $"A task can have at most {TaskItem.MaxTags} tags.";
        }

        foreach (var tag in tags)
        {
            if (CheckText("Each tag", tag, TaskItem.TagMaxLength, required: true, multiline: false) is { } problem)
            {
                return problem;
            }
        }

        return tags.Distinct(StringComparer.Ordinal).Count() == tags.Count ? null : "Tags must not repeat.";
    }

    /// <summary>
    /// Length is counted in Unicode characters (as PostgreSQL's varchar does), not UTF-16 units.
    /// NUL, other control characters (outside multi-line text) and broken surrogate pairs are
    /// refused: the database would reject or alter them, and they are never meant.
    /// </summary>
    public static string? CheckText(string label, string? value, int maxLength, bool required, bool multiline)
    {
        if (value is null)
        {
            return required ? $"{label} is required." : null;
        }

        var length = 0;
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return $"{label} contains an invalid character.";
            }

            if (Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t'))
            {
                return $"{label} must not contain control characters.";
            }

            length++;
            span = span[consumed..];
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            return $"{label} is required.";
        }

        return length > maxLength ? $"{label} must be at most {maxLength} characters." : null;
    }

    /// <summary>Where a bad idempotency key is reported: the request header it came from.</summary>
    public const string IdempotencyKeyField = "Idempotency-Key";

    /// <summary>
    /// An idempotency key is 1 to 200 visible ASCII characters other than a comma (a UUID is the usual
    /// choice). A comma is refused because HTTP joins repeated headers with one: two keys in one request
    /// arrive as "one,two", and no single key may stand for that.
    /// </summary>
    public static string? CheckIdempotencyKey(string key) =>
        key.Length is 0 or > TaskItem.IdempotencyKeyMaxLength || key.Any(c => c is < '!' or > '~' or ',')
            ? $"Idempotency-Key must be one key of 1 to {TaskItem.IdempotencyKeyMaxLength} visible ASCII characters without commas, such as a UUID."
            : null;

    /// <summary>A hash of everything a create asks for, so one key cannot stand for two different tasks.</summary>
    public static string Fingerprint(TaskDraft draft)
    {
        var canonical = string.Join('\0',
            draft.Title,
            draft.Description ?? "\u0001",
            draft.BoardId?.ToString() ?? "",
            draft.ColumnId?.ToString() ?? "",
            draft.Completed?.ToString() ?? "",
            ((int)draft.Priority).ToString(CultureInfo.InvariantCulture),
            draft.DueAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "",
            string.Join('\u001f', draft.Tags ?? [])) + (draft.DueDate is { } day ? $"\0day:{day:yyyy-MM-dd}" : "")
            + (draft.AssigneeIds is { Count: > 0 } assignees ? $"\0assignees:{string.Join(',', assignees.Order())}" : "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>What is wrong with a list of assignees before any row is read (who is a member is the service's question), or null.</summary>
    public static string? CheckAssignees(IReadOnlyList<Guid>? assignees) =>
        assignees is null ? null
        : assignees.Count > TaskItem.MaxAssignees ? $"A task can have at most {TaskItem.MaxAssignees} assignees."
        : assignees.Distinct().Count() != assignees.Count ? "Assignees must not repeat."
        : null;

    /// <summary>A task is due at a time or on a day, not both.</summary>
    public static string? CheckDue(DateTime? dueAt, DateOnly? dueDate) =>
        dueAt is not null && dueDate is not null ? "Give a due date (a day) or a due time (dueAt), not both." : null;

    private static void Add(Dictionary<string, string[]> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        }
    }
}
