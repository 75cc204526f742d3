namespace TaskBoard.Data.Users;

/// <summary>What a single-use account token is for.</summary>
public enum AccountTokenPurpose
{
    /// <summary>The link in the sign-up email.</summary>
    VerifyEmail,

    /// <summary>The link in the forgot-password email.</summary>
    ResetPassword,

    /// <summary>The link sent to a new address; <see cref="AccountToken.Data"/> holds the address.</summary>
    ChangeEmail,

    /// <summary>The second step of a two-factor sign-in: the password was right, a code is still due.</summary>
    TwoFactorSignIn,
}

/// <summary>
/// A single-use secret given to one user for one purpose (an email link, the second step of a
/// sign-in). Only its SHA-256 is stored: a database copy reveals no usable link.
/// </summary>
public sealed class AccountToken
{
    public const int HashLength = 64;
    public const int DataMaxLength = 320;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public AccountTokenPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = "";

    /// <summary>What the purpose needs besides the user (the new address of an email change).</summary>
    public string? Data { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }

    /// <summary>Wrong answers given with it (two-factor codes): after a few it is spent.</summary>
    public int Failures { get; set; }
}

/// <summary>A browser or client an account has signed in from; a new one gets a notice by email.</summary>
public sealed class KnownDevice
{
    public const int HashLength = 64;

    public Guid UserId { get; set; }

    /// <summary>SHA-256 of the browser's device cookie, or of an API client's user agent.</summary>
    public string DeviceHash { get; set; } = "";

    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}
