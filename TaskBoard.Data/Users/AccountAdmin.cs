using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;
using TaskBoard.Data.Email;
using TaskBoard.Data.Sessions;

namespace TaskBoard.Data.Users;

/// <summary>
/// Who is acting as administrator: an admin's account (the admin page), or the operator at the
/// command line (<see cref="AdminId"/> null). Every action is audited on the affected account with
/// the admin's id as its actor.
/// </summary>
public sealed record AdminActor(Guid? AdminId, ClientInfo Client)
{
    public static AdminActor CommandLine { get; } = new(null, new ClientInfo(null, "taskboard admin (command line)"));

    public string Describe() => AdminId is null ? "by an administrator on the command line" : "by an administrator";
}

/// <summary>One account as an administrator sees it: never its tasks.</summary>
public sealed record UserSummary(
    Guid Id, string Email, string Name, DateTime CreatedAt, bool EmailConfirmed, bool TwoFactorEnabled, bool IsAdmin,
    DateTime? DisabledAt, DateTime? LockedUntil, DateTime? LastSeenAt);

public sealed record UserPage(IReadOnlyList<UserSummary> Users, int Total);

/// <summary>The instance at a glance, for the admin page.</summary>
public sealed record InstanceFigures(int Users, int Tasks, int LiveSessions, int OutboxPending, int OutboxFailed);

/// <summary>
/// What an administrator can do to accounts, for the command line and the admin page alike. None of
/// it reads or changes anyone's tasks.
/// </summary>
public sealed class AccountAdmin(
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    UserManager<AppUser> users,
    AccountService accounts,
    SessionService sessions,
    SignInThrottle throttle,
    AccountTokens tokens,
    AccountMail mail,
    AuditLog audit,
    IOptions<EmailSettings> email,
    TimeProvider time)
{
    public Task<AppUser?> FindAsync(string email) => users.FindByEmailAsync(email.Trim());

    public Task<AppUser?> FindAsync(Guid id) => users.FindByIdAsync(id.ToString());

    /// <summary>A new account whose address the administrator vouches for (it counts as confirmed).</summary>
    public async Task<AccountResult> CreateUserAsync(string email, string name, string password, bool admin, AdminActor actor, CancellationToken cancellationToken = default)
    {
        var result = await accounts.CreateAccountAsync(email, password, name, cancellationToken);
        if (result.User is not { } user)
        {
            return result;
        }

        user.EmailConfirmed = true;
        user.IsAdmin = admin;
        await users.UpdateAsync(user);
        await RecordAsync(AuditKinds.AccountCreatedByAdmin, user, actor, admin ? "with admin rights" : null, cancellationToken);
        return result;
    }

    /// <summary>Disables (and ends every session and token at once) or enables the account.</summary>
    public async Task SetDisabledAsync(AppUser user, bool disabled, AdminActor actor, CancellationToken cancellationToken = default)
    {
        user.DisabledAt = disabled ? user.DisabledAt ?? time.GetUtcNow().UtcDateTime : null;
        await users.UpdateAsync(user);
        var revoked = disabled ? await sessions.RevokeOthersAsync(user.Id, keep: null, cancellationToken) : 0;
        await RecordAsync(disabled ? AuditKinds.AccountDisabled : AuditKinds.AccountEnabled, user, actor,
            disabled ? $"{revoked} session(s) ended" : null, cancellationToken);
    }

    public async Task SetAdminAsync(AppUser user, bool admin, AdminActor actor, CancellationToken cancellationToken = default)
    {
        user.IsAdmin = admin;
        await users.UpdateAsync(user);
        await RecordAsync(admin ? AuditKinds.AdminGranted : AuditKinds.AdminRevoked, user, actor, null, cancellationToken);
    }

    /// <summary>Pauses password sign-ins for the account's address (suspected guessing); sessions it has keep working.</summary>
    public async Task<DateTime> LockAsync(AppUser user, AdminActor actor, CancellationToken cancellationToken = default)
    {
        var until = await throttle.PauseAsync(user.Email!, cancellationToken);
        await RecordAsync(AuditKinds.AccountLocked, user, actor, $"until {until:yyyy-MM-dd HH:mm} UTC", cancellationToken);
        return until;
    }

    /// <summary>Lifts the pause on password sign-ins that repeated failures (or an administrator) set for the account's address.</summary>
    public async Task UnlockAsync(AppUser user, AdminActor actor, CancellationToken cancellationToken = default)
    {
        await throttle.ClearAsync(user.Email!, cancellationToken);
        await users.SetLockoutEndDateAsync(user, null);
        await RecordAsync(AuditKinds.AccountUnlocked, user, actor, null, cancellationToken);
    }

    public async Task<int> RevokeSessionsAsync(AppUser user, AdminActor actor, CancellationToken cancellationToken = default)
    {
        var revoked = await sessions.RevokeOthersAsync(user.Id, keep: null, cancellationToken);
        await RecordAsync(AuditKinds.SessionsRevokedByAdmin, user, actor, $"{revoked} session(s)", cancellationToken);
        return revoked;
    }

    public Task<bool> RevokeSessionAsync(AppUser user, Guid sessionId, AdminActor actor, CancellationToken cancellationToken = default) =>
        sessions.RevokeAsync(user.Id, sessionId, AuditKinds.SessionsRevokedByAdmin, actor.Client, cancellationToken, actor);

    /// <summary>Whether email leaves by SMTP (else messages are files on the server).</summary>
    public bool SendsEmail => email.Value.UsesSmtp;

    /// <summary>
    /// A single-use reset link (30 minutes): emailed to the account's address (the answer is then
    /// null), or with <paramref name="handOver"/> answered instead, for the administrator to hand over once.
    /// </summary>
    public async Task<string?> ResetPasswordAsync(AppUser user, Uri? linkBase, AdminActor actor, bool handOver, CancellationToken cancellationToken = default)
    {
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.ResetPassword, PasswordReset.LinkLifetime, cancellationToken: cancellationToken);
        var link = linkBase is null ? $"{AccountLinks.ResetPassword}?token={token}" : AccountLinks.For(linkBase, AccountLinks.ResetPassword, token);
        if (!handOver)
        {
            await mail.ResetPasswordAsync(user, link, PasswordReset.LinkLifetime, cancellationToken);
        }

        await RecordAsync(AuditKinds.PasswordResetRequested, user, actor, handOver ? "reset link handed to the administrator" : "reset link emailed", cancellationToken);
        return handOver ? link : null;
    }

    /// <summary>Accounts whose address or name contains <paramref name="search"/> (all when empty), oldest first.</summary>
    public async Task<UserPage> ListUsersAsync(string? search, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(u => EF.Functions.Like(u.NormalizedEmail!, pattern, "\\") || EF.Functions.Like(u.DisplayName.ToUpper(), pattern, "\\"));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(offset).Take(limit)
            .Select(u => new
            {
                User = u,
                LastSeen = db.AuthSessions.Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.LastSeenAt),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var locks = await db.SignInThrottle.AsNoTracking().Where(e => e.LockedUntil > now).ToDictionaryAsync(e => e.EmailHash, e => e.LockedUntil, cancellationToken);
        return new UserPage(
            [.. rows.Select(r => new UserSummary(
                r.User.Id, r.User.Email ?? "", r.User.DisplayName, r.User.CreatedAt, r.User.EmailConfirmed, r.User.TwoFactorEnabled, r.User.IsAdmin,
                r.User.DisabledAt, locks.GetValueOrDefault(SignInThrottle.KeyFor(r.User.Email ?? "")), r.LastSeen))],
            total);
    }

    public async Task<InstanceFigures> FiguresAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return new InstanceFigures(
            await db.Users.CountAsync(cancellationToken),
            await db.Tasks.CountAsync(cancellationToken),
            await db.AuthSessions.CountAsync(s => s.RevokedAt == null && s.ExpiresAt > now, cancellationToken),
            await db.EmailOutbox.CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken),
            await db.EmailOutbox.CountAsync(m => m.FailedAt != null, cancellationToken));
    }

    private Task RecordAsync(string kind, AppUser user, AdminActor actor, string? detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(kind, user.Id, actor.Client, detail is null ? actor.Describe() : $"{detail}, {actor.Describe()}", cancellationToken, actor.AdminId);
}
