using Microsoft.Net.Http.Headers;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>A task's ETag is its version, which changes on every write and never otherwise.</summary>
public static class ETags
{
    public static string For(TaskItem task) => $"\"{task.Version}\"";

    /// <summary>
    /// The version an <c>If-Match</c> header demands: null when absent or <c>*</c>; -1 (matches
    /// nothing, so the write gets 412) when it names anything other than one of our ETags.
    /// </summary>
    public static int? ExpectedVersion(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        return EntityTagHeaderValue.TryParseList([header], out var tags)
            && tags is [{ IsWeak: false } tag]
            && int.TryParse(tag.Tag.AsSpan().Trim('"'), out var version)
                ? version
                : -1;
    }

    /// <summary>Whether <c>If-None-Match</c> names the task's current ETag (weak comparison, as RFC 9110 says for GET).</summary>
    public static bool NoneMatchHits(string? header, TaskItem task)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        if (header.Trim() == "*")
        {
            return true;
        }

        var current = new EntityTagHeaderValue(For(task));
        return EntityTagHeaderValue.TryParseList([header], out var tags) && tags.Any(t => t.Compare(current, useStrongComparison: false));
    }
}
