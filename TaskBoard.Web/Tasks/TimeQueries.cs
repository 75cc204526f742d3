using System.Globalization;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary>The paging of a list in time order (a task's comments and activity), as a table: read and published from the same rows.</summary>
public sealed class TimeQueries : IQueryDefinition<TimeQuery>
{
    public static QueryTable<TimeQuery> Table { get; } = new(
        [
            new("limit", $"The page size, 1 to {TimeQuery.MaxLimit}.",
                () => ApiSchema.Integer("Entries per page.", 1, TimeQuery.MaxLimit, TimeQuery.DefaultLimit),
                (v, q) => int.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= TimeQuery.MaxLimit
                    ? q with { Limit = limit } : null,
                $"Limit must be a whole number from 1 to {TimeQuery.MaxLimit}."),
            new("cursor", "The nextCursor of the previous page.",
                () => ApiSchema.String("An opaque cursor.", 1, 64),
                (v, q) => q with { Cursor = v[0] }, "Cursor must be text."),
        ],
        () => new TimeQuery());
}
