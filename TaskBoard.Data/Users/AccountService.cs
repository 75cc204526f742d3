using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
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

    /// <summary>Too many recent failures for this email address (whether or not it has an account): wait until <see cref="AccountResult.LockedUntil"/>.</summary>
    LockedOut,
}

public sealed record AccountResult(
    AccountOutcome Outcome,
    AppUser? User = null,
    AuthSession? Session = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    DateTime? LockedUntil = null)
{
    public bool Succeeded => Outcome == AccountOutcome.Ok;

    internal static AccountResult Invalid(string field, string message) =>
        new(AccountOutcome.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] });
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
    SignInThrottle throttle,
    TimeProvider time)
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
    /// Checks the password and opens a session. The attempt is counted before the password is
    /// hashed (<see cref="SignInThrottle"/>). An unknown email and a wrong password cost one hash
    /// each and get the same answer; too many recent failures get the same answer for both too.
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

        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        var attempt = await throttle.BeginAsync(email, cancellationToken);
        if (!attempt.Allowed)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user?.Id, client, "throttled: too many recent failures", cancellationToken);
            return new AccountResult(AccountOutcome.LockedOut, LockedUntil: attempt.LockedUntil);
        }

        if (user is null)
        {
            decoy.Verify(password);
            await audit.RecordAsync(AuditKinds.SignInFailed, null, client, "unknown email", cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        // Upgrades a hash made with fewer iterations than configured, on success.
        if (!await users.CheckPasswordAsync(user, password))
        {
            await RecordFailureAsync(user.Id, attempt, client, "wrong password", cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        await throttle.ClearAsync(email, cancellationToken);
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

        // A wrong current password counts like a wrong sign-in, so a stolen session cannot guess it quickly.
        var attempt = await throttle.BeginAsync(user.Email ?? "", cancellationToken);
        if (!attempt.Allowed)
        {
            return new AccountResult(AccountOutcome.LockedOut, user, LockedUntil: attempt.LockedUntil);
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await RecordFailureAsync(user.Id, attempt, client, "wrong current password", cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCredentials);
        }

        await throttle.ClearAsync(user.Email ?? "", cancellationToken);

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword!);
        if (!changed.Succeeded)
        {
            return new AccountResult(AccountOutcome.Invalid, Errors: IdentityErrors(changed, "newPassword"));
        }

        var revoked = await sessions.RevokeOthersAsync(user.Id, currentSessionId, cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordChanged, user.Id, client, $"{revoked} other session(s) revoked", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }

    private async Task RecordFailureAsync(Guid userId, ThrottleDecision attempt, ClientInfo client, string detail, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditKinds.SignInFailed, userId, client, detail, cancellationToken);
        if (attempt.WaitFollows)
        {
            // New password sign-ins now wait; sessions and tokens the owner already has keep working.
            await audit.RecordAsync(AuditKinds.LockedOut, userId, client, "password sign-ins paused after repeated failures", cancellationToken);
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
