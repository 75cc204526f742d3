using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Auth;

/// <summary>Why a token with a good signature is still refused.</summary>
internal sealed class BearerRejectedException(string code, Guid? userId, string? tokenId) : Exception(code)
{
    public string Code { get; } = code;

    public Guid? UserId { get; } = userId;

    /// <summary>The token's <c>jti</c>, so its refusals are audited once a minute, not once a request.</summary>
    public string? TokenId { get; } = tokenId;
}

/// <summary>
/// After the handler has checked signature, algorithm, type, issuer, audience and lifetime, checks
/// what only we know: the lifetime cap, the claims we rely on, and the session row, whose scopes
/// become the principal's. Every refusal answers 401 problem+json with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class BearerEvents(SessionService sessions, JwtSettings settings, AuditLog audit, IMemoryCache cache, ILogger<BearerEvents> logger)
    : JwtBearerEvents
{
    /// <summary>At most one audit row per refused token in this window: a client retrying a dead token cannot flood the table.</summary>
    public static readonly TimeSpan RejectionAuditInterval = TimeSpan.FromMinutes(1);

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token
            || !Guid.TryParse(token.Subject, out var userId)
            || !token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sid, out var sid)
            || !Guid.TryParse(sid, out var sessionId))
        {
            context.Fail(new BearerRejectedException(ErrorCodes.TokenInvalid, null, null));
            return;
        }

        if (token.IssuedAt == DateTime.MinValue || token.ValidTo - token.IssuedAt > settings.MaxLifetime)
        {
            context.Fail(new BearerRejectedException(ErrorCodes.TokenInvalid, userId, token.Id));
            return;
        }

        var status = await sessions.CheckAsync(sessionId, userId, context.HttpContext.RequestAborted);
        var code = status.Check switch
        {
            SessionCheck.Valid => null,
            SessionCheck.Revoked => ErrorCodes.SessionRevoked,
            SessionCheck.Expired => ErrorCodes.SessionExpired,
            _ => ErrorCodes.TokenInvalid,
        };
        if (code is not null)
        {
            context.Fail(new BearerRejectedException(code, status.Check == SessionCheck.Missing ? null : userId, token.Id));
            return;
        }

        // The session row says what the token may do (tokens made before scopes carry none of their own).
        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in identity.FindAll(Scopes.ClaimType).ToList())
            {
                identity.RemoveClaim(claim);
            }

            identity.AddClaim(new Claim(Scopes.ClaimType, Scopes.Format(status.Scopes)));
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var failure = context.AuthenticateFailure;
        var code = failure switch
        {
            null => ErrorCodes.TokenMissing,
            BearerRejectedException rejected => rejected.Code,
            SecurityTokenExpiredException => ErrorCodes.TokenExpired,
            _ => ErrorCodes.TokenInvalid,
        };

        // RFC 6750: a request without credentials gets the bare challenge; a bad token gets the error.
        context.Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{ErrorCodes.Message(code).Replace("\"", "'", StringComparison.Ordinal)}\"";

        if (failure is BearerRejectedException { UserId: { } userId } rejectedToken)
        {
            if (FirstRejectionThisInterval(rejectedToken.TokenId ?? userId.ToString()))
            {
                await audit.RecordAsync(AuditKinds.TokenRejected, userId, context.HttpContext.Client(), code, context.HttpContext.RequestAborted);
            }
        }
        else if (failure is not null)
        {
            // Only the kind of failure: IdentityModel's messages can quote the token.
            logger.LogWarning("Rejected a bearer token ({Code}, {Failure}) from {ClientIp}",
                code, failure.GetType().Name, context.HttpContext.Connection.RemoteIpAddress);
        }

        await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, code);
    }

    public override Task Forbidden(ForbiddenContext context) =>
        ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);

    private bool FirstRejectionThisInterval(string tokenId)
    {
        var key = $"token-rejected:{tokenId}";
        if (cache.TryGetValue(key, out _))
        {
            return false;
        }

        cache.Set(key, true, RejectionAuditInterval);
        return true;
    }
}
