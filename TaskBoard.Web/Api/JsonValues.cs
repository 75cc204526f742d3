using System.Globalization;
using System.Text.Json;

namespace TaskBoard.Web.Api;

/// <summary>Reads single JSON values the way the API accepts them; each answers false for anything else.</summary>
public static class JsonValues
{
    /// <summary>
    /// A JSON string as .NET text. False for other kinds and for strings that are not valid UTF-16
    /// (an escaped lone surrogate such as "\ud800"), which cannot be read as text at all.
    /// </summary>
    public static bool TryString(JsonElement value, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static bool TryStrings(JsonElement value, out string[] texts)
    {
        texts = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (!TryString(item, out var text))
            {
                return false;
            }

            list.Add(text);
        }

        texts = [.. list];
        return true;
    }

    public static bool TryGuids(JsonElement value, out Guid[] ids)
    {
        ids = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<Guid>();
        foreach (var item in value.EnumerateArray())
        {
            if (!TryGuid(item, out var id))
            {
                return false;
            }

            list.Add(id);
        }

        ids = [.. list];
        return true;
    }

    public static bool TryEnum<T>(JsonElement value, out T parsed)
        where T : struct, Enum
    {
        parsed = default;
        return TryString(value, out var text) && ApiEnum<T>.TryParse(text, out parsed);
    }

    public static bool TryGuid(JsonElement value, out Guid id)
    {
        id = default;
        return TryString(value, out var text) && Guid.TryParse(text, out id);
    }

    /// <summary>A calendar day written as yyyy-MM-dd.</summary>
    public static bool TryDay(JsonElement value, out DateOnly day)
    {
        day = default;
        return TryString(value, out var text) && text.Length == 10
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>ISO 8601 (System.Text.Json's profile); a time without an offset is taken as UTC.</summary>
    public static bool TryTime(JsonElement value, out DateTime utc)
    {
        utc = default;
        if (!TryString(value, out _) || !value.TryGetDateTime(out var parsed))
        {
            return false;
        }

        utc = parsed.Kind switch
        {
            DateTimeKind.Local => parsed.ToUniversalTime(),
            _ => DateTime.SpecifyKind(parsed, DateTimeKind.Utc),
        };
        return true;
    }
}
