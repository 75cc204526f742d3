using System.Collections.Frozen;
using System.Text.Json;

namespace TaskBoard.Web.Api;

/// <summary>Enum values as the API spells them: lower_snake names (<c>in_progress</c>), matched exactly.</summary>
public static class ApiEnum<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByName =
        Enum.GetValues<T>().ToFrozenDictionary(v => Name(v), StringComparer.Ordinal);

    public static string Name(T value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse(string? text, out T value) => ByName.TryGetValue(text ?? "", out value);
}
