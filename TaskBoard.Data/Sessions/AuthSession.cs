namespace TaskBoard.Data.Sessions;

public enum SessionKind
{
    Browser,
    Api,
    Token,
}

/// <summary>
/// One sign-in: a browser cookie, an API sign-in or a personal access token. The cookie or token
/// carries this row's id, and every request checks the row, so revoking it ends that credential.
/// </summary>
public sealed class AuthSession
{
    public const int NameMaxLength = 100;
    public const int UserAgentMaxLength = 512;
    public const int IpMaxLength = 64;
    public const int ScopesMaxLength = 200;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public SessionKind Kind { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>What a bearer token of this session may do (<see cref="Sessions.Scopes"/>), space-separated.</summary>
    public string Scopes { get; set; } = "";
}
