namespace TaskBoard.Data.Sessions;

/// <summary>The <c>Auth:Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    public const string Section = "Auth:Sessions";

    /// <summary>How long a session's check is served from memory before the row is read again.</summary>
    public TimeSpan CheckCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The smallest change of <c>last_seen_at</c> worth writing.</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A browser sign-in unused for this long ends (an open board counts as use). The absolute limit is
    /// <c>Auth:Browser:Lifetime</c>. API tokens end only at their own expiry.
    /// </summary>
    public TimeSpan BrowserIdleTimeout { get; set; } = TimeSpan.FromDays(2);
}
