using Microsoft.AspNetCore.Identity;

namespace TaskBoard.Data.Users;

/// <summary>An account. Identity supplies email, password hash, lockout and security stamp.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Email the user when their account is signed in to from a browser or device it has not seen.</summary>
    public bool NotifyNewSignIns { get; set; } = true;

    public const int TimeZoneMaxLength = 64;

    /// <summary>The IANA time zone the user chose (due days and "today" are read in it); null: the browser's own.</summary>
    public string? TimeZone { get; set; }

    /// <summary>May use the admin page. Granted and revoked only from the command line (<c>admin grant-admin</c>).</summary>
    public bool IsAdmin { get; set; }

    /// <summary>When an administrator disabled the account: it cannot sign in, and its sessions and tokens were ended.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>The board the user last opened in the browser, which <c>/</c> opens again; no foreign key, so deleting the board leaves it to fall back.</summary>
    public Guid? LastBoardId { get; set; }
}
