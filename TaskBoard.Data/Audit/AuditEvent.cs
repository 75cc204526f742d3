namespace TaskBoard.Data.Audit;

/// <summary>A security-relevant event (sign-in, lockout, token issued, ...). Never holds a secret.</summary>
public sealed class AuditEvent
{
    public const int KindMaxLength = 64;
    public const int DetailMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid? UserId { get; set; }

    /// <summary>The administrator who did this to the user's account, when it was not the user; null from the command line and for the user's own actions.</summary>
    public Guid? ActorId { get; set; }
    public string Kind { get; set; } = "";
    public DateTime At { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }
}
