using Microsoft.Extensions.Primitives;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary>Reads <c>GET /api/tasks</c>'s query string, reporting each bad parameter by name.</summary>
public static class TaskQueryReader
{
    public static (TaskQuery Query, Dictionary<string, string[]> Errors) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var result = new TaskQuery
        {
            Statuses = List<TaskItemStatus>(query, "status", errors),
            Priorities = List<TaskPriority>(query, "priority", errors),
            Tag = Single(query, "tag", errors),
            Text = Single(query, "q", errors),
            Cursor = Single(query, "cursor", errors),
        };

        if (Single(query, "due", errors) is { } due)
        {
            result = ApiEnum<DueWindow>.TryParse(due, out var window)
                ? result with { Due = window }
                : Fail(result, errors, "due", $"Due must be one of {ApiEnum<DueWindow>.Names}.");
        }

        if (Single(query, "sort", errors) is { } sort)
        {
            result = ApiEnum<TaskSort>.TryParse(sort, out var order)
                ? result with { Sort = order }
                : Fail(result, errors, "sort", $"Sort must be one of {ApiEnum<TaskSort>.Names}.");
        }

        if (Single(query, "limit", errors) is { } limit)
        {
            result = int.TryParse(limit, System.Globalization.NumberStyles.None, null, out var count)
                ? result with { Limit = count }
                : Fail(result, errors, "limit", $"Limit must be a whole number from 1 to {TaskQuery.MaxLimit}.");
        }

        if (Single(query, "tz", errors) is { } tz)
        {
            result = tz.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var zone)
                ? result with { TimeZone = zone }
                : Fail(result, errors, "tz", "Time zone must be an IANA name such as Europe/Berlin.");
        }

        return (result, errors);
    }

    private static TaskQuery Fail(TaskQuery query, Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return query;
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors[name] = [$"Give {name} once."];
            return null;
        }

        return StringValues.IsNullOrEmpty(values) ? null : values[0];
    }

    /// <summary>Repeated (<c>status=todo&amp;status=done</c>) or comma-separated (<c>status=todo,done</c>) values.</summary>
    private static IReadOnlyCollection<T>? List<T>(IQueryCollection query, string name, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        var values = query[name].SelectMany(v => (v ?? "").Split(',')).Where(v => v.Length > 0).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var parsed = new HashSet<T>();
        foreach (var value in values)
        {
            if (!ApiEnum<T>.TryParse(value, out var item))
            {
                errors[name] = [$"{char.ToUpperInvariant(name[0])}{name[1..]} must be one of {ApiEnum<T>.Names}."];
                return null;
            }

            parsed.Add(item);
        }

        return parsed;
    }
}
