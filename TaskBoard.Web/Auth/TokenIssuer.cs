using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;

namespace TaskBoard.Web.Auth;

/// <summary>
/// Mints the HS256 access token for a session: its lifetime and scopes are the session's, and it is
/// signed with the first key of the ring (its id in the <c>kid</c> header).
/// </summary>
public sealed class TokenIssuer(JwtSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(AppUser user, AuthSession session)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = session.ExpiresAt,
            TokenType = JwtSettings.TokenType,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Email, user.Email ?? ""),
                new Claim(JwtRegisteredClaimNames.Name, user.DisplayName),
                new Claim(JwtRegisteredClaimNames.Sid, session.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
                new Claim(Scopes.ClaimType, session.Scopes),
            ]),
        });
    }
}
