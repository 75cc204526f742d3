using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Users;

public enum AccountOutcome
{
    Ok,

    /// <summary>A field broke a rule; <see cref="AccountResult.Errors"/> says which.</summary>
    Invalid,
    EmailTaken,

    /// <summary>Wrong email or wrong password: deliberately the same answer.</summary>
    InvalidCredentials,
    LockedOut,
}

public sealed record AccountResult(
    AccountOutcome Outcome,
    AppUser? User = null,
    AuthSession? Session = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Outcome == AccountOutcome.Ok;

    internal static AccountResult Invalid(string field, string message) =>
        new(AccountOutcome.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The <c>Auth:Lockout</c> configuration section.</summary>
public sealed class LockoutSettings
{
    public const string Section = "Auth:Lockout";

    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Sign-up, sign-in and password changes, for the API and the browser forms alike, so lockout
/// and auditing work the same whichever door an attempt uses.
/// </summary>
public sealed class AccountService(
    UserManager<AppUser> users,
    DecoyPasswordHash decoy,
    SessionService sessions,
    AuditLog audit,
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    TimeProvider time,
    IOptions<LockoutSettings> lockout)
{
    public const int EmailMaxLength = 254;

    public async Task<AccountResult> SignUpAsync(
        string? email, string? password, string? name, SessionKind kind, TimeSpan lifetime, ClientInfo client,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        email = email?.Trim();
        if (CheckEmail(email) is { } emailError)
        {
            errors["email"] = [emailError];
        }

        if (PasswordPolicy.Check(password) is { } passwordError)
        {
            errors["password"] = [passwordError.Description];
        }

        if (TaskValidator.CheckText("Name", name, AppUser.DisplayNameMaxLength, required: true, multiline: false) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (errors.Count > 0)
        {
            return new AccountResult(AccountOutcome.Invalid, Errors: errors);
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = name!.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password!);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a simultaneous sign-up for the same address: the unique index said no.
            return new AccountResult(AccountOutcome.EmailTaken);
        }

        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? new AccountResult(AccountOutcome.EmailTaken)
                : new AccountResult(AccountOutcome.Invalid, Errors: IdentityErrors(created));
        }

        var session = await sessions.CreateAsync(user.Id, kind, null, lifetime, client, cancellationToken);
        await audit.RecordAsync(AuditKinds.SignUp, user.Id, client, $"{kind.ToString().ToLowerInvariant()} session {session.Id}", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user, session);
    }

    /// <summary>
    /// Checks the password and opens a session. An unknown email, a locked account and a wrong
    /// password all cost one password hash; the first and last give the same answer.
    /// </summary>
    public async Task<AccountResult> SignInAsync(
        string? email, string? password, SessionKind kind, TimeSpan lifetime, ClientInfo client,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(email))
            {
                errors["email"] = ["Email is required."];
            }

            if (string.IsNullOrEmpty(password))
            {
                errors["password"] = ["Password is required."];
            }

            return new AccountResult(AccountOutcome.Invalid, Errors: errors);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            decoy.Verify(password);
            await audit.RecordAsync(AuditKinds.SignInFailed, null, client, "unknown email", cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        if (IsLockedOut(user))
        {
            decoy.Verify(password);
            await audit.RecordAsync(AuditKinds.SignInFailed, user.Id, client, "account locked", cancellationToken);
            return new AccountResult(AccountOutcome.LockedOut, user);
        }

        // Upgrades a hash made with fewer iterations than configured, on success.
        if (!await users.CheckPasswordAsync(user, password))
        {
            await RecordFailureAsync(user.Id, client, cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        if (user.AccessFailedCount > 0)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
        }

        var session = await sessions.CreateAsync(user.Id, kind, null, lifetime, client, cancellationToken);
        await audit.RecordAsync(AuditKinds.SignInSucceeded, user.Id, client, $"{kind.ToString().ToLowerInvariant()} session {session.Id}", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user, session);
    }

    /// <summary>
    /// Changes the password after checking the current one (a wrong one counts towards lockout),
    /// then ends every other session of the user.
    /// </summary>
    public async Task<AccountResult> ChangePasswordAsync(
        Guid userId, Guid currentSessionId, string? currentPassword, string? newPassword, ClientInfo client,
        CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        if (string.IsNullOrEmpty(currentPassword))
        {
            return AccountResult.Invalid("currentPassword", "Enter your current password.");
        }

        if (PasswordPolicy.Check(newPassword) is { } policyError)
        {
            return AccountResult.Invalid("newPassword", policyError.Description);
        }

        if (IsLockedOut(user))
        {
            return new AccountResult(AccountOutcome.LockedOut, user);
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await RecordFailureAsync(user.Id, client, cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword!);
        if (!changed.Succeeded)
        {
            return new AccountResult(AccountOutcome.Invalid, Errors: IdentityErrors(changed, "newPassword"));
        }

        var revoked = await sessions.RevokeOthersAsync(user.Id, currentSessionId, cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordChanged, user.Id, client, $"{revoked} other session(s) revoked", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }

    private bool IsLockedOut(AppUser user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>
    /// Counts a failure in one statement, so parallel guesses cannot slip past the limit; the
    /// failure that reaches the limit locks the account and restarts the count.
    /// </summary>
    private async Task RecordFailureAsync(Guid userId, ClientInfo client, CancellationToken cancellationToken)
    {
        var limit = lockout.Value.MaxFailedAttempts;
        var now = time.GetUtcNow();
        var lockedUntil = now + lockout.Value.Duration;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= limit ? lockedUntil : u.LockoutEnd)
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= limit ? 0 : u.AccessFailedCount + 1),
            cancellationToken);
        await audit.RecordAsync(AuditKinds.SignInFailed, userId, client, "wrong password", cancellationToken);

        var lockoutEnd = await db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).FirstOrDefaultAsync(cancellationToken);
        if (lockoutEnd is { } end && end > now)
        {
            sessions.SessionsChanged(userId);
            await audit.RecordAsync(AuditKinds.LockedOut, userId, client, $"locked until {end:O}", cancellationToken);
        }
    }

    private static string? CheckEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "Email is required.";
        }

        if (email.Length > EmailMaxLength)
        {
            return $"Email must be at most {EmailMaxLength} characters.";
        }

        return MailAddress.TryCreate(email, out var address) && address.Address == email && !email.Any(char.IsControl)
            ? null
            : "Enter an email address like name@example.com.";
    }

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result, string passwordField = "password") =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
