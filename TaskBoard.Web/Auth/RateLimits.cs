using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Auth;

/// <summary>One fixed-window limit: <c>PermitLimit</c> requests per <c>Window</c>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The <c>RateLimits</c> configuration section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per client IP, on <c>/api/auth/*</c>: slows down password guessing and sign-up floods.</summary>
    public RateLimit Auth { get; set; } = new() { PermitLimit = 20 };

    /// <summary>Per signed-in user, on the rest of <c>/api</c>.</summary>
    public RateLimit Api { get; set; } = new() { PermitLimit = 600 };
}

public static class RateLimits
{
    public const string AuthPolicy = "auth";
    public const string ApiPolicy = "api";

    public static IServiceCollection AddTaskBoardRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        foreach (var (name, limit) in new[] { ("Auth", options.Auth), ("Api", options.Api) })
        {
            if (limit.PermitLimit < 1 || limit.Window <= TimeSpan.Zero)
            {
                throw new Data.InvalidConfigurationException(
                    $"{RateLimitOptions.Section}:{name}:PermitLimit must be at least 1 and {RateLimitOptions.Section}:{name}:Window positive.");
            }
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(AuthPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientIp(http), _ => Window(options.Auth)));
            limiter.AddPolicy(ApiPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? ClientIp(http), _ => Window(options.Api)));
            limiter.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);
            };
        });
        return services;
    }

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(RateLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
    };
}
