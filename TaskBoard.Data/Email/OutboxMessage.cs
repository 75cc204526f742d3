namespace TaskBoard.Data.Email;

/// <summary>
/// One email waiting to be handed to the mail server, or handed over already. A request only writes
/// this row; <see cref="OutboxSender"/> delivers it, retrying with backoff, so no request ever waits
/// on SMTP and a failing server loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 320;
    public const int SubjectMaxLength = 200;
    public const int KindMaxLength = 40;
    public const int ErrorMaxLength = 1000;
    public const int InstanceMaxLength = 64;

    public Guid Id { get; set; }

    /// <summary>The template it was made from (verify-email, reset-password, ...): for logs and figures, never its content.</summary>
    public string Kind { get; set; } = "";

    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Not to be tried before this (retries back off).</summary>
    public DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Given up on after the last try.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>An instance is sending it until then; others leave it alone.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public string? ClaimedBy { get; set; }
}
