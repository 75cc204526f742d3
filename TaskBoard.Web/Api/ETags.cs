using Microsoft.Net.Http.Headers;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Api;

/// <summary>A task's, board's or column's ETag is its version, which changes on every write and never otherwise.</summary>
public static class ETags
{
    public static string For(IVersioned stored) => $"\"{stored.Version}\"";

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

    /// <summary>Whether <c>If-None-Match</c> names the current ETag (weak comparison, as RFC 9110 says for GET).</summary>
    public static bool NoneMatchHits(string? header, IVersioned stored)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        if (header.Trim() == "*")
        {
            return true;
        }

        var current = new EntityTagHeaderValue(For(stored));
        return EntityTagHeaderValue.TryParseList([header], out var tags) && tags.Any(t => t.Compare(current, useStrongComparison: false));
    }
}
