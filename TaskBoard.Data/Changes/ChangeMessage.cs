namespace TaskBoard.Data.Changes;

/// <summary>
/// The NOTIFY payload: <c>kind|origin|topic|id,id,…|sent|actor</c>, where kind is <c>b</c> (a board changed; topic is
/// the board, ids its tasks, actor who changed it), <c>u</c> (a person's invitations or memberships; topic is the
/// person) or <c>s</c> (a person's sessions), and <c>sent</c> is when it was sent in Unix milliseconds. The last
/// fields may be absent (older instances' messages), which still decode. Messages of kinds this version does not know (such as the
/// per-person <c>t</c> of versions before shared boards) are ignored.
/// Text well under PostgreSQL's 8 000-byte limit: a change to more than <see cref="MaxIds"/> tasks is
/// sent without ids, which boards treat as "reload everything". Messages sent together share one notification,
/// a line each (<see cref="Pack"/>): under load a notification per write would cost the database more than the write.
/// </summary>
public sealed record ChangeMessage(char Kind, Guid Origin, Guid Topic, IReadOnlyList<Guid> TaskIds, long? SentAtMs = null, Guid? Actor = null)
{
    public const string Channel = "taskboard_changes";
    public const int MaxIds = 100;

    public const char Board = 'b';
    public const char User = 'u';
    public const char Sessions = 's';

    public string Encode() => Kind == Board
        ? $"b|{Origin:N}|{Topic:N}|{(TaskIds.Count <= MaxIds ? string.Join(',', TaskIds.Select(id => id.ToString("N"))) : "")}|{SentAtMs}|{Actor:N}"
        : $"{Kind}|{Origin:N}|{Topic:N}||{SentAtMs}";

    /// <summary>The most text in one notification (PostgreSQL refuses 8 000 bytes or more; every character here is one byte).</summary>
    public const int MaxPayload = 7_900;

    /// <summary><paramref name="messages"/> as few notifications as fit, in order, a line each.</summary>
    public static IEnumerable<string> Pack(IEnumerable<ChangeMessage> messages)
    {
        var payload = new System.Text.StringBuilder();
        foreach (var text in messages.Select(m => m.Encode()))
        {
            if (payload.Length > 0 && payload.Length + 1 + text.Length > MaxPayload)
            {
                yield return payload.ToString();
                payload.Clear();
            }

            payload.Append(payload.Length > 0 ? "\n" : "").Append(text);
        }

        if (payload.Length > 0)
        {
            yield return payload.ToString();
        }
    }

    /// <summary>Every message of a notification; lines that do not decode are skipped.</summary>
    public static IEnumerable<ChangeMessage> DecodeAll(string payload) => payload.Split('\n').Select(Decode).OfType<ChangeMessage>();

    public static ChangeMessage? Decode(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length < 3 || parts[0] is not ("b" or "u" or "s") || !Guid.TryParse(parts[1], out var origin) || !Guid.TryParse(parts[2], out var topic))
        {
            return null;
        }

        var ids = parts.Length > 3 && parts[3].Length > 0
            ? parts[3].Split(',').Select(id => Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty).Where(id => id != Guid.Empty).ToList()
            : [];
        long? sent = parts.Length > 4 && long.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;
        Guid? actor = parts.Length > 5 && Guid.TryParse(parts[5], out var who) ? who : null;
        return new ChangeMessage(parts[0][0], origin, topic, ids, sent, actor);
    }
}
