using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TaskBoard.Data.Database;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Audit;

/// <summary>The stable names of security events, as stored in <c>audit_event.kind</c>.</summary>
public static class AuditKinds
{
    public const string SignUp = "sign_up";
    public const string SignInSucceeded = "sign_in_succeeded";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string SignOut = "sign_out";
    public const string TokenIssued = "token_issued";
    public const string TokenRejected = "token_rejected";
    public const string TokenRevoked = "token_revoked";
    public const string SessionRevoked = "session_revoked";
    public const string PasswordChanged = "password_changed";
    public const string ProfileChanged = "profile_changed";
    public const string TwoFactorRequired = "two_factor_required";
    public const string EmailVerified = "email_verified";
    public const string PasswordResetRequested = "password_reset_requested";
    public const string PasswordReset = "password_reset";
    public const string EmailChangeRequested = "email_change_requested";
    public const string EmailChanged = "email_changed";
    public const string TwoFactorEnabled = "two_factor_enabled";
    public const string TwoFactorDisabled = "two_factor_disabled";
    public const string RecoveryCodesGenerated = "recovery_codes_generated";
    public const string PasskeyAdded = "passkey_added";
    public const string PasskeyRenamed = "passkey_renamed";
    public const string PasskeyRemoved = "passkey_removed";
    public const string NoticesChanged = "security_notices_changed";
    public const string AccountCreatedByAdmin = "account_created_by_admin";
    public const string AccountDisabled = "account_disabled";
    public const string AccountEnabled = "account_enabled";
    public const string AccountLocked = "account_locked";
    public const string AccountUnlocked = "account_unlocked";
    public const string AdminGranted = "admin_granted";
    public const string AdminRevoked = "admin_revoked";
    public const string SessionsRevokedByAdmin = "sessions_revoked_by_admin";
}

/// <summary>
/// Records security events twice: a row in <c>audit_event</c> (the user's own history, shown on the
/// account page) and a structured log event. Callers pass facts, never secrets.
/// </summary>
public sealed class AuditLog(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(
        string kind, Guid? userId, ClientInfo client, string? detail = null, CancellationToken cancellationToken = default, Guid? actorId = null)
    {
        logger.LogInformation("Security event {AuditKind} for user {UserId} from {ClientIp} by {ActorId}: {AuditDetail}",
            kind, userId, client.Ip, actorId, detail);
        Count(kind);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEvent
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            ActorId = actorId,
            Kind = kind,
            At = time.GetUtcNow().UtcDateTime,
            Ip = client.Ip,
            UserAgent = client.UserAgent,
            Detail = detail is { Length: > AuditEvent.DetailMaxLength } ? detail[..AuditEvent.DetailMaxLength] : detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The events that are also metrics: every sign-in, lockout and token goes through here.</summary>
    private static void Count(string kind)
    {
        switch (kind)
        {
            case AuditKinds.SignInSucceeded:
                TaskBoardMetrics.SignIns.Add(1, new KeyValuePair<string, object?>("result", "succeeded"));
                break;
            case AuditKinds.SignInFailed:
                TaskBoardMetrics.SignIns.Add(1, new KeyValuePair<string, object?>("result", "failed"));
                break;
            case AuditKinds.LockedOut:
                TaskBoardMetrics.Lockouts.Add(1);
                break;
            case AuditKinds.TokenIssued:
                TaskBoardMetrics.TokensIssued.Add(1);
                break;
        }
    }

    /// <summary>The user's most recent events, newest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}
