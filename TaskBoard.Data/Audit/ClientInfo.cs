namespace TaskBoard.Data.Audit;

/// <summary>Where a request came from, trimmed to what the audit and session rows can hold.</summary>
public sealed record ClientInfo
{
    public static readonly ClientInfo Unknown = new(null, null);

    public ClientInfo(string? ip, string? userAgent, string? device = null)
    {
        Ip = Clean(ip, Sessions.AuthSession.IpMaxLength);
        UserAgent = Clean(userAgent, Sessions.AuthSession.UserAgentMaxLength);
        Device = Clean(device, 64);
    }

    public string? Ip { get; }

    public string? UserAgent { get; }

    /// <summary>A browser's own id (its device cookie), to tell a new browser from a known one; null for API clients.</summary>
    public string? Device { get; }

    /// <summary>A short name for a user agent: the browser family, or the client for scripts.</summary>
    public static string Describe(string? userAgent) => userAgent switch
    {
        null or "" => "Unknown client",
        _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
        _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
        _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome",
        _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
        _ => userAgent.Length > 40 ? userAgent[..40] + "…" : userAgent,
    };

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
