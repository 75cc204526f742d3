using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Auth;

public sealed record SignUpRequest(string? Email, string? Password, string? Name);

public sealed record SignInRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>POST /api/tokens: <c>scopes</c> defaults to the task scopes; <c>account</c> has to be asked for.</summary>
public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays, string?[]? Scopes = null);

public sealed record UserResponse(Guid Id, string Email, string Name, bool EmailVerified, bool TwoFactorEnabled)
{
    public static UserResponse From(AppUser user) => new(user.Id, user.Email ?? "", user.DisplayName, user.EmailConfirmed, user.TwoFactorEnabled);
}

/// <summary>
/// A sign-in or sign-up: the account and a bearer token for it. After a sign-up while
/// <c>Auth:RequireVerifiedEmail</c> is on there is no token yet: the token fields are null.
/// </summary>
public sealed record AuthResponse(UserResponse User, string? AccessToken, string? TokenType, DateTime? ExpiresAt);

/// <summary>POST /api/auth/sign-in/2fa: the <c>mfaToken</c> from the sign-in's 401 <c>mfa_required</c>, and a code.</summary>
public sealed record TwoFactorSignInRequest(string? MfaToken, string? Code);

/// <summary>A code from the authenticator app (or, where it says so, a recovery code or the password).</summary>
public sealed record TwoFactorCodeRequest(string? Code);

public sealed record AuthenticatorSetupResponse(string SharedKey, string OtpauthUri);

/// <summary>Ten single-use codes for when the authenticator app is not at hand: shown once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

public sealed record VerifyEmailRequest(string? Token);

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

public sealed record SessionResponse(
    Guid Id, SessionKind Kind, string? Name, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt,
    string? Ip, string? UserAgent, IReadOnlyList<string> Scopes, bool Current)
{
    public static SessionResponse From(AuthSession session, Guid currentSessionId) => new(
        session.Id, session.Kind, session.Name, session.CreatedAt, session.LastSeenAt, session.ExpiresAt,
        session.Ip, session.UserAgent, Data.Sessions.Scopes.Parse(session.Scopes), session.Id == currentSessionId);
}

public sealed record CurrentSessionResponse(UserResponse User, SessionResponse Session);

/// <summary>A new personal access token: <see cref="Token"/> is shown here once and never again.</summary>
public sealed record CreatedTokenResponse(string Token, SessionResponse Session);
