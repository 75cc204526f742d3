namespace TaskBoard.Data.Changes;

/// <summary>
/// The NOTIFY payload: <c>t|origin|user|id,id,…|sent</c> for task changes, <c>s|origin|user||sent</c>
/// for sessions, where <c>sent</c> is when it was sent in Unix milliseconds (absent from older
/// instances' messages, which still decode).
/// Text well under PostgreSQL's 8 000-byte limit: a change to more than <see cref="MaxIds"/> tasks is
/// sent without ids, which boards treat as "reload everything".
/// </summary>
public sealed record ChangeMessage(char Kind, Guid Origin, Guid UserId, IReadOnlyList<Guid> TaskIds, long? SentAtMs = null)
{
    public const string Channel = "taskboard_changes";
    public const int MaxIds = 100;

    public string Encode() => Kind == 't'
        ? $"t|{Origin:N}|{UserId:N}|{(TaskIds.Count <= MaxIds ? string.Join(',', TaskIds.Select(id => id.ToString("N"))) : "")}|{SentAtMs}"
        : $"s|{Origin:N}|{UserId:N}||{SentAtMs}";

    public static ChangeMessage? Decode(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length < 3 || parts[0] is not ("t" or "s") || !Guid.TryParse(parts[1], out var origin) || !Guid.TryParse(parts[2], out var user))
        {
            return null;
        }

        var ids = parts.Length > 3 && parts[3].Length > 0
            ? parts[3].Split(',').Select(id => Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty).Where(id => id != Guid.Empty).ToList()
            : [];
        long? sent = parts.Length > 4 && long.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;
        return new ChangeMessage(parts[0][0], origin, user, ids, sent);
    }
}
