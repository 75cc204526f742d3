using System.Text.Json;
using System.Text.Json.Serialization;
using TaskBoard.Data.Boards;

namespace TaskBoard.Web.Boards;

/// <summary>A column as the API shows it.</summary>
public sealed record ColumnResponse(Guid Id, Guid BoardId, string Name, int Position, bool IsDone, int? WipLimit, int Version)
{
    public static ColumnResponse From(BoardColumn column) =>
        new(column.Id, column.BoardId, column.Name, column.Position, column.IsDone, column.WipLimit, column.Version);
}

/// <summary>
/// A board as the API shows it to one person: its owner, their own role on it, and its columns left to right.
/// Its version moves on when its columns or members change too.
/// </summary>
public sealed record BoardResponse(
    Guid Id, string Name, Guid OwnerId, BoardRole Role, bool Archived, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ArchivedAt, int Version,
    IReadOnlyList<ColumnResponse> Columns)
{
    public static BoardResponse From(Board board) => new(
        board.Id, board.Name, board.OwnerId, board.Role, board.ArchivedAt is not null, board.CreatedAt, board.UpdatedAt, board.ArchivedAt, board.Version,
        [.. board.Columns.OrderBy(c => c.Position).Select(ColumnResponse.From)]);
}

public sealed record BoardPageResponse(IReadOnlyList<BoardResponse> Items, string? NextCursor);

/// <summary>Every column of a board (at most <see cref="Board.MaxColumns"/>, so always one page).</summary>
public sealed record ColumnListResponse(IReadOnlyList<ColumnResponse> Items);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BoardResponse))]
[JsonSerializable(typeof(BoardPageResponse))]
[JsonSerializable(typeof(ColumnResponse))]
[JsonSerializable(typeof(ColumnListResponse))]
internal sealed partial class BoardJsonContext : JsonSerializerContext;
