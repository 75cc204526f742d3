using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Auth;

/// <summary>
/// The bearer token creating a personal access token, when one does (the account page is a person
/// in a browser and has none): a token never creates one that outlives it or can do more than it.
/// </summary>
public sealed record TokenParent(DateTime ExpiresAt, IReadOnlyList<string> Scopes);

/// <summary>Named, expiring, scoped tokens for scripts: a session of kind token, minted once. Used by the API and the account page.</summary>
public sealed class PersonalAccessTokens(
    SessionService sessions, ProfileService profiles, TokenIssuer tokens, AuditLog audit, JwtSettings jwt, TimeProvider time)
{
    public const int MaxDays = 365;

    /// <summary>The longest expiry allowed: a year, or less when <c>Auth:Jwt:MaxLifetime</c> is shorter.</summary>
    public int MaxExpiryDays => Math.Min(MaxDays, (int)jwt.MaxLifetime.TotalDays);

    public sealed record Created(string Token, AuthSession Session);

    /// <summary>The new token and its session, or the problems per field (<c>name</c>, <c>expiresInDays</c>, <c>scopes</c>).</summary>
    public async Task<(Created? Token, Dictionary<string, string[]> Errors)> CreateAsync(
        Guid userId, string? name, int? expiresInDays, IReadOnlyList<string?>? scopes, TokenParent? parent, ClientInfo client,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (TaskValidator.CheckText("Name", name, AuthSession.NameMaxLength, required: true, multiline: false) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (CheckExpiry(expiresInDays, parent) is { } expiryError)
        {
            errors["expiresInDays"] = [expiryError];
        }

        var granted = scopes ?? Scopes.TaskDefaults;
        if (CheckScopes(granted, parent) is { } scopeError)
        {
            errors["scopes"] = [scopeError];
        }

        var profile = errors.Count == 0 ? await profiles.GetAsync(userId, cancellationToken) : null;
        if (errors.Count > 0 || profile is null)
        {
            return (null, errors);
        }

        var session = await sessions.CreateAsync(
            userId, SessionKind.Token, name, TimeSpan.FromDays(expiresInDays!.Value), client, cancellationToken, granted!);
        await audit.RecordAsync(AuditKinds.TokenIssued, userId, client, $"token session {session.Id}, scopes {session.Scopes}", cancellationToken);
        var user = new AppUser { Id = userId, Email = profile.Email, DisplayName = profile.DisplayName };
        return (new Created(tokens.Issue(user, session), session), errors);
    }

    private string? CheckExpiry(int? expiresInDays, TokenParent? parent)
    {
        if (expiresInDays is not { } days || days < 1 || days > MaxExpiryDays)
        {
            return $"Choose an expiry between 1 and {MaxExpiryDays} days.";
        }

        if (parent is null)
        {
            return null;
        }

        var left = (int)Math.Floor((parent.ExpiresAt - time.GetUtcNow().UtcDateTime).TotalDays);
        return days <= left ? null
            : left < 1 ? "The token making this request expires within a day, so it cannot create tokens."
            : $"A token cannot create one that outlives it: the token making this request expires in {left} days, so choose at most {left}.";
    }

    private static string? CheckScopes(IReadOnlyList<string?> scopes, TokenParent? parent)
    {
        if (scopes.Count == 0)
        {
            return "Choose at least one scope.";
        }

        var unknown = scopes.Where(s => s is null || !Scopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            return $"Unknown scope '{unknown[0]}'. Scopes are: {string.Join(", ", Scopes.All)}.";
        }

        var missing = parent is null ? [] : scopes.Where(s => !parent.Scopes.Contains(s!, StringComparer.Ordinal)).ToList();
        return missing.Count == 0 ? null
            : $"A token cannot give scopes it does not have: this one lacks {string.Join(", ", missing)}.";
    }
}
