using System.Text;
using Microsoft.AspNetCore.Identity;
using TaskBoard.Data.Audit;

namespace TaskBoard.Data.Users;

/// <summary>What an authenticator app needs: the shared key as text, and as an otpauth:// URI (the QR code).</summary>
public sealed record AuthenticatorSetup(string SharedKey, string OtpauthUri);

/// <summary>Whether two-factor sign-in is on, and how many recovery codes are left.</summary>
public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, through Identity's authenticator
/// support) and ten single-use recovery codes. Turning it on needs a code from the app; turning it
/// off needs a code or the password. Every change is audited and announced by email.
/// </summary>
public sealed class TwoFactor(UserManager<AppUser> users, AccountMail mail, AuditLog audit)
{
    public const string Issuer = "TaskBoard";
    public const int RecoveryCodeCount = 10;

    public async Task<TwoFactorStatus> StatusAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is null || !await users.GetTwoFactorEnabledAsync(user)
            ? new TwoFactorStatus(false, 0)
            : new TwoFactorStatus(true, await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>A new authenticator key for a user who has not turned two-factor on (an unused earlier key is replaced); null when it is on.</summary>
    public async Task<AuthenticatorSetup?> StartAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || await users.GetTwoFactorEnabledAsync(user))
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/{Uri.EscapeDataString($"{Issuer}:{user.Email}")}?secret={key}&issuer={Issuer}&digits=6&period=30";
        return new AuthenticatorSetup(Readable(key), uri);
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> matches the key from <see cref="StartAsync"/>: the recovery codes, shown once; null when the code is wrong.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(Guid userId, string? code, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || await users.GetTwoFactorEnabledAsync(user) || await users.GetAuthenticatorKeyAsync(user) is null
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code)))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAsync(AuditKinds.TwoFactorEnabled, user.Id, client, "authenticator app", cancellationToken);
        await mail.TwoFactorChangedAsync(user, enabled: true, cancellationToken);
        return codes;
    }

    /// <summary>Turns two-factor off with a code from the app, a recovery code, or the password; false when none of them matches.</summary>
    public async Task<bool> DisableAsync(Guid userId, string? codeOrPassword, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !await users.GetTwoFactorEnabledAsync(user) || string.IsNullOrEmpty(codeOrPassword))
        {
            return false;
        }

        var proof = await CheckCodeAsync(users, user, codeOrPassword)
            ?? (await users.CheckPasswordAsync(user, codeOrPassword) ? "password" : null);
        if (proof is null)
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditKinds.TwoFactorDisabled, user.Id, client, $"with the {proof}", cancellationToken);
        await mail.TwoFactorChangedAsync(user, enabled: false, cancellationToken);
        return true;
    }

    /// <summary>New recovery codes (the old ones stop working) after a code from the app; null when the code is wrong.</summary>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(Guid userId, string? code, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !await users.GetTwoFactorEnabledAsync(user)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code)))
        {
            return null;
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAsync(AuditKinds.RecoveryCodesGenerated, user.Id, client, $"{codes.Count} new recovery codes", cancellationToken);
        return codes;
    }

    /// <summary>What <paramref name="code"/> is for the user: "authenticator code", "recovery code" (then used up), or null when neither.</summary>
    internal static async Task<string?> CheckCodeAsync(UserManager<AppUser> users, AppUser user, string? code)
    {
        var normalized = Normalize(code);
        if (normalized.Length == 6 && normalized.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
        {
            return "authenticator code";
        }

        return normalized.Length > 6 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, (code ?? "").Trim())).Succeeded
            ? "recovery code"
            : null;
    }

    private static string Normalize(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>The key in groups of four, lower case, as people type it into an app.</summary>
    private static string Readable(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
