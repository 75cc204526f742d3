using System.Globalization;
using TaskBoard.Data.Boards;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Boards;

/// <summary><c>GET /api/boards</c>'s query string as a table: read and published from the same rows.</summary>
public sealed class BoardQueries : IQueryDefinition<BoardQuery>
{
    public static QueryTable<BoardQuery> Table => List;

    public static QueryTable<BoardQuery> List { get; } = new(
        [
            new("archived", "true lists the archived boards instead of the boards in use.",
                () => ApiSchema.Boolean("Archived boards instead."),
                (v, q) => QueryTable<BoardQuery>.Boolean(v[0]) is { } archived ? q with { Archived = archived } : null,
                "Archived must be true or false."),
            new("limit", $"The page size, 1 to {BoardQuery.MaxLimit}.",
                () => ApiSchema.Integer("Boards per page.", 1, BoardQuery.MaxLimit, BoardQuery.DefaultLimit),
                (v, q) => int.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= BoardQuery.MaxLimit
                    ? q with { Limit = limit } : null,
                $"Limit must be a whole number from 1 to {BoardQuery.MaxLimit}."),
            new("cursor", "The nextCursor of the previous page.",
                () => ApiSchema.String("An opaque cursor.", 1, 64),
                (v, q) => q with { Cursor = v[0] }, "Cursor must be text."),
        ],
        () => new BoardQuery());
}
