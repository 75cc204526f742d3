using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Users;

public enum ResendOutcome
{
    Sent,
    AlreadyVerified,

    /// <summary>A link went out less than <see cref="EmailVerification.ResendPace"/> ago.</summary>
    TooSoon,
}

/// <summary>
/// Confirming that an account's address is its owner's: a link by email at sign-up, sent again on
/// request (at most once a minute), and the confirmation when it is opened.
/// </summary>
public sealed class EmailVerification(
    IDbContextFactory<TaskBoardDbContext> contextFactory, AccountTokens tokens, AccountMail mail, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResendPace = TimeSpan.FromMinutes(1);

    /// <summary>Sends the link for the user's current address (earlier links stop working).</summary>
    public async Task SendAsync(AppUser user, Uri linkBase, CancellationToken cancellationToken = default)
    {
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.VerifyEmail, LinkLifetime, data: user.Email, cancellationToken: cancellationToken);
        await mail.VerifyEmailAsync(user, AccountLinks.For(linkBase, AccountLinks.VerifyEmail, token), LinkLifetime, cancellationToken);
    }

    /// <summary>Sends the link again for a signed-in user, unless it is not needed or went out moments ago.</summary>
    public async Task<ResendOutcome> ResendAsync(Guid userId, Uri linkBase, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.EmailConfirmed)
        {
            return ResendOutcome.AlreadyVerified;
        }

        if (await tokens.LastIssuedAsync(userId, AccountTokenPurpose.VerifyEmail, cancellationToken) is { } last
            && time.GetUtcNow().UtcDateTime - last < ResendPace)
        {
            return ResendOutcome.TooSoon;
        }

        await SendAsync(user, linkBase, cancellationToken);
        return ResendOutcome.Sent;
    }

    /// <summary>
    /// Sends the link again to an address typed by someone who is not signed in (the address must be
    /// confirmed before signing in). The caller learns nothing: the answer is the same whatever the address.
    /// </summary>
    public async Task ResendToAddressAsync(string? email, Uri linkBase, CancellationToken cancellationToken = default)
    {
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        if (normalized.Length > 0 && await FindAsync(u => u.NormalizedEmail == normalized, cancellationToken) is { } user)
        {
            await ResendAsync(user.Id, linkBase, cancellationToken);
        }
    }

    /// <summary>Confirms the address the link was sent to; false when the link is unknown, used, expired, or for an address the account no longer has.</summary>
    public async Task<bool> ConfirmAsync(string? token, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var redeemed = await tokens.RedeemAsync(AccountTokenPurpose.VerifyEmail, token, cancellationToken);
        if (redeemed is null)
        {
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var confirmed = await db.Users.Where(u => u.Id == redeemed.UserId && u.Email == redeemed.Data)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true), cancellationToken);
        if (confirmed == 1)
        {
            await audit.RecordAsync(AuditKinds.EmailVerified, redeemed.UserId, client, "email address confirmed", cancellationToken);
        }

        return confirmed == 1;
    }

    private async Task<AppUser?> FindAsync(System.Linq.Expressions.Expression<Func<AppUser, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(which, cancellationToken);
    }
}
