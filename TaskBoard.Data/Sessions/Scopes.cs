namespace TaskBoard.Data.Sessions;

/// <summary>
/// What a bearer token may do. Sign-in tokens (and browser sessions) have every scope; a personal
/// access token has the ones chosen when it was made, by default the task scopes.
/// </summary>
public static class Scopes
{
    public const string TasksRead = "tasks:read";
    public const string TasksWrite = "tasks:write";

    /// <summary>Sessions, tokens, password, profile and two-factor settings.</summary>
    public const string Account = "account";

    /// <summary>The JWT claim that carries them, space-separated (RFC 9068).</summary>
    public const string ClaimType = "scope";

    public static IReadOnlyList<string> All { get; } = [TasksRead, TasksWrite, Account];

    /// <summary>What a new personal access token gets unless others are chosen.</summary>
    public static IReadOnlyList<string> TaskDefaults { get; } = [TasksRead, TasksWrite];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>A stored or claimed scope string as a set, in the canonical order; unknown names are dropped.</summary>
    public static IReadOnlyList<string> Parse(string? scopes)
    {
        var given = (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. All.Where(s => given.Contains(s, StringComparer.Ordinal))];
    }

    public static string Format(IEnumerable<string> scopes) => string.Join(' ', All.Where(s => scopes.Contains(s, StringComparer.Ordinal)));

    /// <summary>What each scope allows, in words, for the account page and the API documentation.</summary>
    public static string Describe(string scope) => scope switch
    {
        TasksRead => "Read tasks",
        TasksWrite => "Create, change, move and delete tasks",
        Account => "Account: sessions, tokens, password, profile and two-factor settings",
        _ => scope,
    };
}
