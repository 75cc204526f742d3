using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Users;

/// <summary>A redeemed token: whose it was, and what it carried.</summary>
public sealed record RedeemedToken(Guid UserId, string? Data);

/// <summary>
/// Single-use secrets for email links and the second step of a sign-in: 32 random bytes handed out
/// once (base64url), stored only as their SHA-256. Redeeming marks one used in a conditional update,
/// so two simultaneous redemptions cannot both succeed.
/// </summary>
public sealed class AccountTokens(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Wrong answers a two-factor step takes before it is spent and the password has to be given again.</summary>
    public const int MaxFailures = 5;

    /// <summary>
    /// Issues a token. When <paramref name="replacesOthers"/>, the user's unused tokens of the same
    /// purpose stop working (the newest link is the only one).
    /// </summary>
    public async Task<string> IssueAsync(
        Guid userId, AccountTokenPurpose purpose, TimeSpan lifetime, string? data = null, bool replacesOthers = true,
        CancellationToken cancellationToken = default)
    {
        var raw = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (replacesOthers)
        {
            await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        }

        db.AccountTokens.Add(new AccountToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Purpose = purpose,
            TokenHash = Hash(raw),
            Data = data,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return raw;
    }

    /// <summary>When the user was last given a token for <paramref name="purpose"/> (to pace resends), or null.</summary>
    public async Task<DateTime?> LastIssuedAsync(Guid userId, AccountTokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose)
            .MaxAsync(t => (DateTime?)t.CreatedAt, cancellationToken);
    }

    /// <summary>The token's owner and data when it is unused and unexpired, without using it up.</summary>
    public async Task<RedeemedToken?> PeekAsync(AccountTokenPurpose purpose, string? raw, CancellationToken cancellationToken = default)
    {
        if (!LooksValid(raw))
        {
            return null;
        }

        var hash = Hash(raw!);
        var now = Now();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AccountTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now && t.Failures < MaxFailures)
            .Select(t => new RedeemedToken(t.UserId, t.Data))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Uses the token up; its owner and data, or null when it is unknown, used, expired or spent.</summary>
    public async Task<RedeemedToken?> RedeemAsync(AccountTokenPurpose purpose, string? raw, CancellationToken cancellationToken = default)
    {
        var token = await PeekAsync(purpose, raw, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var hash = Hash(raw!);
        var now = Now();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var used = await db.AccountTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now && t.Failures < MaxFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        return used == 1 ? token : null;
    }

    /// <summary>Counts a wrong answer given with the token (a two-factor code); after <see cref="MaxFailures"/> it stops working.</summary>
    public async Task FailedAsync(string raw, CancellationToken cancellationToken = default)
    {
        var hash = Hash(raw);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.AccountTokens.Where(t => t.TokenHash == hash).ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1), cancellationToken);
    }

    /// <summary>Ends every unused token of the user (for example after a password reset).</summary>
    public async Task RevokeAllAsync(Guid userId, AccountTokenPurpose purpose, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
    }

    private static bool LooksValid(string? raw) => raw is { Length: > 20 and < 100 } && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>How a secret handed out once is kept: its SHA-256, in hex.</summary>
    internal static string Hash(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(raw)));

    private DateTime Now() => time.UtcNowStored();
}
