using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// Where the previous page ended: the sort and the last row's sort key (ending in its id, so the
/// key is unique). Pages continue strictly after that key, so tasks inserted meanwhile never shift
/// a page and none is skipped or repeated. Opaque to clients: base64url of a small JSON object.
/// </summary>
internal sealed record TaskCursor(
    [property: JsonPropertyName("s")] TaskSort Sort,
    [property: JsonPropertyName("i")] Guid Id,
    [property: JsonPropertyName("r")] int? Rank = null,
    [property: JsonPropertyName("p")] double? Position = null,
    [property: JsonPropertyName("d")] long? Ticks = null,
    [property: JsonPropertyName("t")] string? Title = null,
    [property: JsonPropertyName("b")] Guid? BoardId = null,
    [property: JsonPropertyName("c")] Guid? ColumnId = null)
{
    private const int MaxEncodedLength = 2048;

    /// <summary>
    /// After <paramref name="last"/> in <paramref name="query"/>'s order. In board order within one column
    /// the cursor names that column; across columns, the board and <paramref name="columnPlace"/>, where
    /// the last card's column stands on it.
    /// </summary>
    public static TaskCursor After(TaskQuery query, TaskItem last, int columnPlace) => query.Sort switch
    {
        TaskSort.Position when query.OneColumnId is { } column => new(query.Sort, last.Id, Position: last.Position, ColumnId: column),
        TaskSort.Position => new(query.Sort, last.Id, Rank: columnPlace, Position: last.Position, BoardId: last.BoardId),
        TaskSort.Due => new(query.Sort, last.Id, Ticks: last.DueAt?.Ticks),
        TaskSort.Priority => new(query.Sort, last.Id, Rank: (int)last.Priority),
        TaskSort.Created => new(query.Sort, last.Id, Ticks: last.CreatedAt.Ticks),
        _ => new(query.Sort, last.Id, Title: last.Title),
    };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The cursor, or null when it is malformed or was made for another sort (or, in board order, other columns).</summary>
    public static TaskCursor? Decode(string encoded, TaskSort expectedSort, Guid? oneColumnId)
    {
        if (encoded.Length is 0 or > MaxEncodedLength || !Base64Url.IsValid(encoded))
        {
            return null;
        }

        TaskCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<TaskCursor>(Base64Url.DecodeFromChars(encoded));
        }
        catch (JsonException)
        {
            return null;
        }

        return cursor is not null && cursor.Sort == expectedSort && cursor.IsComplete(oneColumnId) ? cursor : null;
    }

    private bool IsComplete(Guid? oneColumnId) => Sort switch
    {
        TaskSort.Position when oneColumnId is not null => ColumnId == oneColumnId && Position is { } p && double.IsFinite(p),
        TaskSort.Position => ColumnId is null && Rank is >= 0 and < Boards.Board.MaxColumns && BoardId is not null && Position is { } p && double.IsFinite(p),
        TaskSort.Due => Ticks is null or (>= 0 and <= 3155378975999999999),
        TaskSort.Priority => Rank is { } priority && priority is >= short.MinValue and <= short.MaxValue && Enum.IsDefined((TaskPriority)priority),
        TaskSort.Created => Ticks is >= 0 and <= 3155378975999999999,
        TaskSort.Title => Title is not null,
        _ => false,
    };

    public DateTime? Time => Ticks is { } ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
}
