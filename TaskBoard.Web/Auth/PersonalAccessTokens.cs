using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Auth;

/// <summary>Named, expiring tokens for scripts: a session of kind token, minted once. Used by the API and the account page.</summary>
public sealed class PersonalAccessTokens(SessionService sessions, ProfileService profiles, TokenIssuer tokens, AuditLog audit, JwtSettings jwt)
{
    public const int MaxDays = 365;

    /// <summary>The longest expiry allowed: a year, or less when <c>Auth:Jwt:MaxLifetime</c> is shorter.</summary>
    public int MaxExpiryDays => Math.Min(MaxDays, (int)jwt.MaxLifetime.TotalDays);

    public sealed record Created(string Token, AuthSession Session);

    /// <summary>The new token and its session, or the problems per field (<c>name</c>, <c>expiresInDays</c>).</summary>
    public async Task<(Created? Token, Dictionary<string, string[]> Errors)> CreateAsync(
        Guid userId, string? name, int? expiresInDays, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (TaskValidator.CheckText("Name", name, AuthSession.NameMaxLength, required: true, multiline: false) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (expiresInDays is not { } days || days < 1 || days > MaxExpiryDays)
        {
            errors["expiresInDays"] = [$"Choose an expiry between 1 and {MaxExpiryDays} days."];
        }

        var profile = errors.Count == 0 ? await profiles.GetAsync(userId, cancellationToken) : null;
        if (errors.Count > 0 || profile is null)
        {
            return (null, errors);
        }

        var session = await sessions.CreateAsync(userId, SessionKind.Token, name, TimeSpan.FromDays(expiresInDays!.Value), client, cancellationToken);
        await audit.RecordAsync(AuditKinds.TokenIssued, userId, client, $"token session {session.Id}", cancellationToken);
        var user = new AppUser { Id = userId, Email = profile.Value.Email, DisplayName = profile.Value.DisplayName };
        return (new Created(tokens.Issue(user, session), session), errors);
    }
}
