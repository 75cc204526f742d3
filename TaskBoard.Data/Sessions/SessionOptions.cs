namespace TaskBoard.Data.Sessions;

/// <summary>The <c>Auth:Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    public const string Section = "Auth:Sessions";

    /// <summary>How long a session's check is served from memory before the row is read again.</summary>
    public TimeSpan CheckCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The smallest change of <c>last_seen_at</c> worth writing.</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);
}
