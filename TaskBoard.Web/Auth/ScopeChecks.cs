using System.Security.Claims;
using TaskBoard.Data.Sessions;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Auth;

/// <summary>Endpoint metadata: the bearer token must carry <see cref="Scope"/>.</summary>
public sealed record RequiredScopeMetadata(string Scope);

/// <summary>
/// Scopes on <c>/api</c>: an endpoint names the one it needs, and a token without it gets 403
/// <c>insufficient_scope</c> with the challenge RFC 6750 describes, naming the scope.
/// </summary>
public static class ScopeChecks
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredScopeMetadata(scope));

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        Scopes.Parse(user.FindFirstValue(Scopes.ClaimType)).Contains(scope, StringComparer.Ordinal);

    /// <summary>After authorization (so an anonymous request is a 401 first).</summary>
    public static WebApplication UseTaskBoardScopes(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<RequiredScopeMetadata>() is { } required
                && http.User.Identity?.IsAuthenticated == true
                && !http.User.HasScope(required.Scope))
            {
                http.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{required.Scope}\"";
                return ApiProblem.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope,
                    $"This token does not have the '{required.Scope}' scope. Create a token that has it.");
            }

            return next(http);
        });
        return app;
    }
}
