using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using TaskBoard.Data;
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

    /// <summary>Per client IP, on every <c>/api</c> request, before the token is even looked at.</summary>
    public RateLimit Client { get; set; } = new() { PermitLimit = 1200 };

    /// <summary>Per client IP, on <c>/api/auth/*</c> and every browser form that takes a password: slows down guessing and sign-up floods.</summary>
    public RateLimit Auth { get; set; } = new() { PermitLimit = 20 };

    /// <summary>Per signed-in user, on the rest of <c>/api</c>.</summary>
    public RateLimit Api { get; set; } = new() { PermitLimit = 600 };
}

/// <summary>The outcome of counting one request: whether it may go on, and the window's state after it.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter)
{
    /// <summary>Whole seconds until the window frees up, at least 1 (for <c>Retry-After</c>).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(ResetAfter.TotalSeconds));
}

/// <summary>
/// Counts requests per key (a client IP, a user id) in fixed windows that start at the key's first
/// request. A key costs one small object while its window runs; finished windows are swept away.
/// </summary>
public sealed class RateLimitCounter(RateLimit limit, TimeProvider time)
{
    private sealed class Window
    {
        public long StartTicks;
        public int Count;
    }

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private long nextSweepTicks;

    public RateLimit Limit => limit;

    public RateLimitDecision Take(string key)
    {
        var now = time.GetUtcNow().UtcTicks;
        SweepIfDue(now);
        var window = windows.GetOrAdd(key, static _ => new Window());
        lock (window)
        {
            if (window.Count == 0 || now - window.StartTicks >= limit.Window.Ticks)
            {
                window.StartTicks = now;
                window.Count = 0;
            }

            var resetAfter = TimeSpan.FromTicks(window.StartTicks + limit.Window.Ticks - now);
            if (window.Count >= limit.PermitLimit)
            {
                return new RateLimitDecision(false, limit.PermitLimit, 0, resetAfter);
            }

            window.Count++;
            return new RateLimitDecision(true, limit.PermitLimit, limit.PermitLimit - window.Count, resetAfter);
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now < due || Interlocked.CompareExchange(ref nextSweepTicks, now + limit.Window.Ticks, due) != due)
        {
            return;
        }

        foreach (var (key, window) in windows)
        {
            bool finished;
            lock (window)
            {
                finished = now - window.StartTicks >= limit.Window.Ticks;
            }

            if (finished)
            {
                windows.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>The three limits, shared by the API's middleware and the browser's password forms.</summary>
public sealed class RateLimiters(IOptions<RateLimitOptions> options, TimeProvider time)
{
    public RateLimitCounter Client { get; } = new(options.Value.Client, time);

    public RateLimitCounter Auth { get; } = new(options.Value.Auth, time);

    public RateLimitCounter Api { get; } = new(options.Value.Api, time);

    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Endpoint metadata: counted per client IP against <see cref="RateLimitOptions.Auth"/> (password attempts, sign-ups).</summary>
public sealed class AuthRateLimitMetadata
{
    public static readonly AuthRateLimitMetadata Instance = new();
}

/// <summary>Endpoint metadata: counted per signed-in user against <see cref="RateLimitOptions.Api"/>.</summary>
public sealed class UserRateLimitMetadata
{
    public static readonly UserRateLimitMetadata Instance = new();
}

public static class RateLimits
{
    public static IServiceCollection AddTaskBoardRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RateLimitOptions>(configuration, RateLimitOptions.Section, o =>
            new[] { ("Client", o.Client), ("Auth", o.Auth), ("Api", o.Api) }.Where(l => !Valid(l.Item2))
                .Select(l => $"{RateLimitOptions.Section}:{l.Item1} needs a PermitLimit of at least 1 and a positive Window."));
        services.AddSingleton<RateLimiters>();
        return services;
    }

    /// <summary>Counts against <see cref="RateLimitOptions.Auth"/> per client IP.</summary>
    public static TBuilder RequireAuthRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(AuthRateLimitMetadata.Instance);

    /// <summary>Counts against <see cref="RateLimitOptions.Api"/> per signed-in user.</summary>
    public static TBuilder RequireUserRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(UserRateLimitMetadata.Instance);

    /// <summary>
    /// The per-IP limits, before authentication: a flood of requests with a bad or revoked token is
    /// refused here, before any token is checked or any audit row written.
    /// </summary>
    public static WebApplication UseTaskBoardClientRateLimits(this WebApplication app)
    {
        var limiters = app.Services.GetRequiredService<RateLimiters>();
        // Counting is synchronous: a request within its limits goes on without an await of its own.
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                var key = RateLimiters.ClientKey(http);
                var decision = Count(http, "client", limiters.Client, key);
                if (decision.Allowed && http.GetEndpoint()?.Metadata.GetMetadata<AuthRateLimitMetadata>() is not null)
                {
                    decision = Count(http, "auth", limiters.Auth, key);
                }

                if (!decision.Allowed)
                {
                    return RejectAsync(http, decision);
                }
            }

            return next(http);
        });
        return app;
    }

    /// <summary>The per-user limit, after authentication.</summary>
    public static WebApplication UseTaskBoardUserRateLimits(this WebApplication app)
    {
        var limiters = app.Services.GetRequiredService<RateLimiters>();
        app.Use((http, next) =>
            http.GetEndpoint()?.Metadata.GetMetadata<UserRateLimitMetadata>() is not null
            && http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { } userId
            && Count(http, "user", limiters.Api, userId) is { Allowed: false } decision
                ? RejectAsync(http, decision)
                : next(http));
        return app;
    }

    /// <summary>Counts the request against one limit and reports that limit's state in the RateLimit headers.</summary>
    private static RateLimitDecision Count(HttpContext http, string policy, RateLimitCounter counter, string key)
    {
        var decision = counter.Take(key);
        ApiHeaders.AddRateLimit(http.Response, policy, decision.Limit, counter.Limit.Window, decision.Remaining, decision.ResetAfter);
        return decision;
    }

    private static Task RejectAsync(HttpContext http, RateLimitDecision decision)
    {
        http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblem.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);
    }

    private static bool Valid(RateLimit limit) => limit.PermitLimit >= 1 && limit.Window > TimeSpan.Zero;
}
