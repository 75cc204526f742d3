using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.OpenApi;

namespace TaskBoard.Web.Api;

/// <summary>The HTTP headers of the API beyond the basics: their names, what they mean, and how they are written.</summary>
public static class ApiHeaders
{
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";
    public const string IdempotencyKey = "Idempotency-Key";
    public const string IdempotentReplayed = "Idempotent-Replayed";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string Link = "Link";
    public const string RateLimit = "RateLimit";
    public const string RateLimitPolicy = "RateLimit-Policy";

    /// <summary>The response headers a browser app on another origin may read (CORS).</summary>
    public static readonly string[] Exposed = [ETag, Location, RetryAfter, IdempotentReplayed, WwwAuthenticate, Link, RateLimit, RateLimitPolicy];

    /// <summary>Every response header the document names, with its schema and meaning.</summary>
    public static readonly IReadOnlyDictionary<string, (JsonSchemaType Type, string Description)> Responses =
        new Dictionary<string, (JsonSchemaType, string)>
        {
            [ETag] = (JsonSchemaType.String, "The resource's version as a strong entity tag, for If-Match and If-None-Match."),
            [Location] = (JsonSchemaType.String, "The address of the created resource."),
            [RetryAfter] = (JsonSchemaType.Integer, "Seconds to wait before trying again."),
            [IdempotentReplayed] = (JsonSchemaType.String, "\"true\" when this answer repeats the one the same Idempotency-Key got before."),
            [WwwAuthenticate] = (JsonSchemaType.String, "The Bearer challenge (RFC 6750): why the token was refused, and for a missing scope which one is needed."),
            [Link] = (JsonSchemaType.String, "The next page (RFC 8288): <address>; rel=\"next\"."),
            [RateLimitPolicy] = (JsonSchemaType.String,
                "The limits this request counts against (IETF RateLimit header fields): \"client\" (per IP), \"auth\" (per IP, sign-in and sign-up) " +
                "and \"user\" (per account), each with its quota q and window w in seconds, such as \"client\";q=1200;w=60."),
            [RateLimit] = (JsonSchemaType.String,
                "What is left of each limit in RateLimit-Policy: the remaining requests r and the seconds t until the window frees, such as \"client\";r=1199;t=60."),
        };

    /// <summary>Every request header the API reads beyond the basics, with its meaning.</summary>
    public static readonly IReadOnlyDictionary<string, string> Requests = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [IdempotencyKey] = "Makes the create safe to retry: 1 to 200 visible ASCII characters, such as a UUID, unique per task you mean to create.",
        ["If-Match"] = "The ETag the change is based on; a stale one is refused with 412 precondition_failed. * or absent: no check.",
        ["If-None-Match"] = "The ETag you hold; when it is still current the answer is 304 Not Modified without a body.",
    };

    /// <summary>When there is a next page, a <c>Link</c> header naming it.</summary>
    public static void LinkNext(HttpContext http, string? cursor)
    {
        if (cursor is not null)
        {
            http.Response.Headers.Link = NextLink(http.Request, cursor);
        }
    }

    /// <summary>A <c>Link</c> to the next page: this request's address with <c>cursor</c> replaced.</summary>
    public static string NextLink(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "cursor", cursor },
        };
        return $"<{request.PathBase}{request.Path}{query}>; rel=\"next\"";
    }

    /// <summary>Adds one limit's state to the <c>RateLimit-Policy</c> and <c>RateLimit</c> headers.</summary>
    public static void AddRateLimit(HttpResponse response, string policy, int quota, TimeSpan window, int remaining, TimeSpan resetAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        response.Headers.Append(RateLimitPolicy, string.Create(inv, $"\"{policy}\";q={quota};w={(int)Math.Ceiling(window.TotalSeconds)}"));
        response.Headers.Append(RateLimit, string.Create(inv, $"\"{policy}\";r={remaining};t={Math.Max(0, (int)Math.Ceiling(resetAfter.TotalSeconds))}"));
    }
}
