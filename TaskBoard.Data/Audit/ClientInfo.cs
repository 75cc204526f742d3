namespace TaskBoard.Data.Audit;

/// <summary>Where a request came from, trimmed to what the audit and session rows can hold.</summary>
public sealed record ClientInfo
{
    public static readonly ClientInfo Unknown = new(null, null);

    public ClientInfo(string? ip, string? userAgent)
    {
        Ip = Clean(ip, Sessions.AuthSession.IpMaxLength);
        UserAgent = Clean(userAgent, Sessions.AuthSession.UserAgentMaxLength);
    }

    public string? Ip { get; }

    public string? UserAgent { get; }

    private static string? Clean(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var printable = new string([.. value.Where(c => !char.IsControl(c) && !char.IsSurrogate(c))]);
        return printable.Length <= maxLength ? printable : printable[..maxLength];
    }
}
