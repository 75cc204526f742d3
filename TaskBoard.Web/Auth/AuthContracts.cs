using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Auth;

public sealed record SignUpRequest(string? Email, string? Password, string? Name);

public sealed record SignInRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>POST /api/tokens: <c>scopes</c> defaults to the task scopes; <c>account</c> has to be asked for.</summary>
public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays, string?[]? Scopes);

public sealed record UserResponse(Guid Id, string Email, string Name)
{
    public static UserResponse From(AppUser user) => new(user.Id, user.Email ?? "", user.DisplayName);
}

/// <summary>A sign-in or sign-up: the account and a bearer token for it.</summary>
public sealed record AuthResponse(UserResponse User, string AccessToken, string TokenType, DateTime ExpiresAt);

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
