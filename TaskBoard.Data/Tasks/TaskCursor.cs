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
    [property: JsonPropertyName("b")] Guid? BoardId = null)
{
    private const int MaxEncodedLength = 2048;

    /// <summary>After <paramref name="last"/>, whose column stands at <paramref name="columnPlace"/> on its board.</summary>
    public static TaskCursor After(TaskSort sort, TaskItem last, int columnPlace) => sort switch
    {
        TaskSort.Position => new(sort, last.Id, Rank: columnPlace, Position: last.Position, BoardId: last.BoardId),
        TaskSort.Due => new(sort, last.Id, Ticks: last.DueAt?.Ticks),
        TaskSort.Priority => new(sort, last.Id, Rank: (int)last.Priority),
        TaskSort.Created => new(sort, last.Id, Ticks: last.CreatedAt.Ticks),
        _ => new(sort, last.Id, Title: last.Title),
    };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The cursor, or null when it is malformed or was made for another sort.</summary>
    public static TaskCursor? Decode(string encoded, TaskSort expectedSort)
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

        return cursor is not null && cursor.Sort == expectedSort && cursor.IsComplete() ? cursor : null;
    }

    private bool IsComplete() => Sort switch
    {
        TaskSort.Position => Rank is >= 0 and < Boards.Board.MaxColumns && BoardId is not null && Position is { } p && double.IsFinite(p),
        TaskSort.Due => Ticks is null or (>= 0 and <= 3155378975999999999),
        TaskSort.Priority => Rank is { } priority && priority is >= short.MinValue and <= short.MaxValue && Enum.IsDefined((TaskPriority)priority),
        TaskSort.Created => Ticks is >= 0 and <= 3155378975999999999,
        TaskSort.Title => Title is not null,
        _ => false,
    };

    public DateTime? Time => Ticks is { } ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
}
