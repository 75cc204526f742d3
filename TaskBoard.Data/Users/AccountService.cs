using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Boards;
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

    /// <summary>The password was right; a two-factor code is due with <see cref="AccountResult.MfaToken"/>.</summary>
    TwoFactorRequired,

    /// <summary>The two-factor step's token is unknown, used, expired or spent: start again with the password.</summary>
    TwoFactorExpired,

    /// <summary>The two-factor code (or recovery code) is wrong.</summary>
    InvalidCode,

    /// <summary><c>Auth:RequireVerifiedEmail</c> is on and the address is not confirmed yet.</summary>
    EmailNotVerified,

    /// <summary>An administrator disabled the account.</summary>
    Disabled,
}

public sealed record AccountResult(
    AccountOutcome Outcome,
    AppUser? User = null,
    AuthSession? Session = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    DateTime? LockedUntil = null,
    string? MfaToken = null)
{
    public bool Succeeded => Outcome == AccountOutcome.Ok;

    internal static AccountResult Invalid(string field, string message) =>
        new(AccountOutcome.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The <c>Auth</c> section's account switches.</summary>
public sealed class AccountSettings
{
    public const string Section = "Auth";

    /// <summary>Refuse sign-in until the email address is confirmed (sign-up then issues no token).</summary>
    public bool RequireVerifiedEmail { get; set; }
}

/// <summary>
/// Sign-up, sign-in (password, two-factor step, passkey) and password changes, for the API and the
/// browser forms alike, so throttling, two-factor and auditing work the same whichever door an
/// attempt uses. Every way in ends in <see cref="OpenSessionAsync"/>.
/// </summary>
public sealed class AccountService(
    UserManager<AppUser> users,
    DecoyPasswordHash decoy,
    SessionService sessions,
    AuditLog audit,
    SignInThrottle throttle,
    AccountTokens tokens,
    EmailVerification verification,
    KnownDevices devices,
    AccountMail mail,
    BoardService boards,
    IOptions<AccountSettings> settings,
    TimeProvider time)
{
    public const int EmailMaxLength = 254;

    /// <summary>How long the second step of a two-factor sign-in may wait for its code.</summary>
    public static readonly TimeSpan TwoFactorStepLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Creates the account and sends the link that confirms its address. Opens a session unless
    /// <c>Auth:RequireVerifiedEmail</c> is on (then the result has no session).
    /// </summary>
    public async Task<AccountResult> SignUpAsync(
        string? email, string? password, string? name, SessionKind kind, TimeSpan lifetime, ClientInfo client, Uri linkBase,
        CancellationToken cancellationToken = default)
    {
        var created = await CreateAccountAsync(email, password, name, cancellationToken);
        if (created.User is not { } user)
        {
            return created;
        }

        await audit.RecordAsync(AuditKinds.SignUp, user.Id, client, $"{kind.ToString().ToLowerInvariant()} sign-up", cancellationToken);
        await verification.SendAsync(user, linkBase, cancellationToken);
        // The browser or client it was made from is known from the start: no "new sign-in" email for it.
        await devices.SeenAsync(user.Id, client, cancellationToken);
        if (settings.Value.RequireVerifiedEmail)
        {
            return new AccountResult(AccountOutcome.Ok, user);
        }

        var session = await sessions.CreateAsync(user.Id, kind, null, lifetime, client, cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user, session);
    }

    /// <summary>
    /// Checks the fields and creates the account, nothing more (no session, no email, no audit row):
    /// sign-up and the <c>admin create-user</c> command both start here.
    /// </summary>
    public async Task<AccountResult> CreateAccountAsync(string? email, string? password, string? name, CancellationToken cancellationToken = default)
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

        // Every account starts with a board to put tasks on.
        await boards.CreateDefaultAsync(user.Id, cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }

    /// <summary>
    /// Checks the password and opens a session, or, for an account with two-factor sign-in, hands out
    /// the token of the second step instead. The attempt is counted before the password is hashed
    /// (<see cref="SignInThrottle"/>). An unknown email and a wrong password cost one hash each and
    /// get the same answer; too many recent failures get the same answer for both too.
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

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // The attempt stays counted until the code is right too: knowing the password buys no extra code guesses.
            var mfaToken = await tokens.IssueAsync(user.Id, AccountTokenPurpose.TwoFactorSignIn, TwoFactorStepLifetime,
                data: kind.ToString(), replacesOthers: false, cancellationToken: cancellationToken);
            await audit.RecordAsync(AuditKinds.TwoFactorRequired, user.Id, client, "password accepted, code due", cancellationToken);
            return new AccountResult(AccountOutcome.TwoFactorRequired, user, MfaToken: mfaToken);
        }

        await throttle.ClearAsync(email, cancellationToken);
        return await OpenSessionAsync(user, kind, lifetime, client, "password", cancellationToken);
    }

    /// <summary>
    /// The second step of a two-factor sign-in: an authenticator code or a recovery code. Wrong codes
    /// count towards the same throttle as wrong passwords, and a step token is spent after a few.
    /// </summary>
    public async Task<AccountResult> CompleteTwoFactorAsync(
        string? mfaToken, string? code, SessionKind kind, TimeSpan lifetime, ClientInfo client, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return AccountResult.Invalid("code", "Enter the code from your authenticator app, or a recovery code.");
        }

        var step = await tokens.PeekAsync(AccountTokenPurpose.TwoFactorSignIn, mfaToken, cancellationToken);
        var user = step is null ? null : await users.FindByIdAsync(step.UserId.ToString());
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
        {
            return new AccountResult(AccountOutcome.TwoFactorExpired);
        }

        var attempt = await throttle.BeginAsync(user.Email!, cancellationToken);
        if (!attempt.Allowed)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.Id, client, "throttled: too many recent failures", cancellationToken);
            return new AccountResult(AccountOutcome.LockedOut, LockedUntil: attempt.LockedUntil);
        }

        var how = await TwoFactor.CheckCodeAsync(users, user, code);
        if (how is null)
        {
            await tokens.FailedAsync(mfaToken!, cancellationToken);
            await RecordFailureAsync(user.Id, attempt, client, "wrong two-factor code", cancellationToken);
            return new AccountResult(AccountOutcome.InvalidCode);
        }

        if (await tokens.RedeemAsync(AccountTokenPurpose.TwoFactorSignIn, mfaToken, cancellationToken) is null)
        {
            return new AccountResult(AccountOutcome.TwoFactorExpired);
        }

        await throttle.ClearAsync(user.Email!, cancellationToken);
        return await OpenSessionAsync(user, kind, lifetime, client, $"password and {how}", cancellationToken);
    }

    /// <summary>A passkey proved the user (it counts as both factors, and waits for no throttle).</summary>
    public Task<AccountResult> SignInWithPasskeyAsync(AppUser user, SessionKind kind, TimeSpan lifetime, ClientInfo client, CancellationToken cancellationToken = default) =>
        OpenSessionAsync(user, kind, lifetime, client, "passkey", cancellationToken);

    /// <summary>
    /// Changes the password after checking the current one (a wrong one counts towards the throttle),
    /// then ends every other session of the user and says so by email.
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
        await mail.PasswordChangedAsync(user, "from a signed-in session", cancellationToken);
        return new AccountResult(AccountOutcome.Ok, user);
    }

    /// <summary>
    /// Every way in ends here: the address check when it is required, the session, the audit row, and
    /// an email when the browser or client is new to the account.
    /// </summary>
    private async Task<AccountResult> OpenSessionAsync(
        AppUser user, SessionKind kind, TimeSpan lifetime, ClientInfo client, string how, CancellationToken cancellationToken)
    {
        if (user.DisabledAt is not null)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.Id, client, "account disabled", cancellationToken);
            return new AccountResult(AccountOutcome.Disabled, user);
        }

        if (settings.Value.RequireVerifiedEmail && !user.EmailConfirmed)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.Id, client, "email address not confirmed yet", cancellationToken);
            return new AccountResult(AccountOutcome.EmailNotVerified, user);
        }

        var session = await sessions.CreateAsync(user.Id, kind, null, lifetime, client, cancellationToken);
        await audit.RecordAsync(AuditKinds.SignInSucceeded, user.Id, client,
            $"{kind.ToString().ToLowerInvariant()} session {session.Id}, with {how}", cancellationToken);
        if (await devices.SeenAsync(user.Id, client, cancellationToken) && user.NotifyNewSignIns)
        {
            await mail.NewSignInAsync(user, client, ClientInfo.Describe(client.UserAgent), cancellationToken);
        }

        return new AccountResult(AccountOutcome.Ok, user, session);
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

    internal static string? CheckEmail(string? email)
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

    internal static Dictionary<string, string[]> IdentityErrors(IdentityResult result, string passwordField = "password") =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
