using TaskBoard.Data.Boards;

namespace TaskBoard.Data.Sharing;

/// <summary>
/// An open invitation to a board, addressed to an email address (which may not have an account yet).
/// It is deleted when accepted, declined or revoked, and stops counting once it expires.
/// </summary>
public sealed class BoardInvitation
{
    public const int EmailMaxLength = 256;
    public const int TokenHashLength = 64;

    /// <summary>How long an invitation stays open.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>
    /// Inviting an address again sooner than this changes the invitation's role but sends no second email
    /// (the first link keeps working): nobody can flood an inbox by inviting it over and over.
    /// </summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(10);

    /// <summary>The most open invitations one board may have at once.</summary>
    public const int MaxPerBoard = 100;

    public Guid Id { get; set; }

    public Guid BoardId { get; set; }

    /// <summary>The address as the owner typed it (trimmed), for the owner's list and the email.</summary>
    public string Email { get; set; } = "";

    /// <summary>The address as Identity normalises it, which an account's own normalised address is matched against.</summary>
    public string NormalizedEmail { get; set; } = "";

    /// <summary>Editor or viewer: a board has one owner, made by handing the board over.</summary>
    public BoardRole Role { get; set; }

    /// <summary>Who invited (null once that account is gone).</summary>
    public Guid? InvitedBy { get; set; }

    /// <summary>When it was (last) sent.</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>SHA-256 (hex) of the secret in the emailed link, which proves the invitee read the email.</summary>
    public string TokenHash { get; set; } = "";
}
