using System.Buffers.Binary;
using System.Buffers.Text;

namespace TaskBoard.Data.Tasks;

/// <summary>Where a list in time order (comments, activity) resumes: after the entry at <paramref name="At"/> with <paramref name="Id"/>. Opaque to clients.</summary>
public readonly record struct TimeCursor(DateTime At, Guid Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.Ticks);
        Id.TryWriteBytes(bytes[8..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static TimeCursor? Decode(string? cursor)
    {
        if (cursor is not { Length: 32 } || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(cursor);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return bytes.Length == 24 && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            ? new TimeCursor(new DateTime(ticks, DateTimeKind.Utc), new Guid(bytes.AsSpan(8)))
            : null;
    }
}

/// <summary>A page of a list in time order.</summary>
public sealed record TimePage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>The paging of a list in time order.</summary>
public sealed record TimeQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public int Limit { get; init; } = DefaultLimit;

    public string? Cursor { get; init; }

    /// <summary>The problems with the paging, per field (empty when there are none), and the decoded cursor.</summary>
    public Dictionary<string, string[]> Check(out TimeCursor? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        cursor = TimeCursor.Decode(Cursor);
        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {MaxLimit}."];
        }

        if (Cursor is not null && cursor is null)
        {
            errors["cursor"] = ["The cursor is not valid for this query; start again without it."];
        }

        return errors;
    }
}
