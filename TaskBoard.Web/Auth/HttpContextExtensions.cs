using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using TaskBoard.Data.Audit;

namespace TaskBoard.Web.Auth;

public static class HttpContextExtensions
{
    public static ClientInfo Client(this HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());

    /// <summary>The authenticated user's id (the token's <c>sub</c>, checked when the token was validated).</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? throw new InvalidOperationException("No authenticated user."));

    /// <summary>The session the request authenticated with (the token's <c>sid</c>).</summary>
    public static Guid SessionId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Sid) ?? throw new InvalidOperationException("No authenticated session."));
}
