namespace TaskBoard.Data.Tasks;

/// <summary>
/// What "due", "today" and "overdue" mean, in one place for the board, the filters and the API.
/// A task due at a time is overdue once that instant has passed; a task due on a day is overdue
/// once that day has ended in the reader's time zone (so "due 25 November" is not overdue anywhere
/// while it is still the 25th there).
/// </summary>
public static class DueDates
{
    /// <summary>How a due day is kept: its midnight, marked UTC (a calendar day, not an instant).</summary>
    public static DateTime Stored(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The calendar day it is in <paramref name="zone"/> at <paramref name="nowUtc"/>.</summary>
    public static DateOnly Today(DateTime nowUtc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));

    public static bool IsOverdue(TaskItem task, DateTime nowUtc, TimeZoneInfo zone) =>
        !task.Completed && task.DueAt is { } due
        && (task.DueIsDate ? DateOnly.FromDateTime(due) < Today(nowUtc, zone) : due < nowUtc);

    /// <summary>The UTC instant a local calendar day starts (a day that starts inside a DST gap starts when the gap ends).</summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(start))
        {
            start = start.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(start, zone);
    }

    /// <summary>A zone by its IANA name, or null when there is none by that name.</summary>
    public static TimeZoneInfo? FindZone(string? name) =>
        name is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null;
}
