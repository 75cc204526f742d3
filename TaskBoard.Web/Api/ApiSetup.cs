using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Net.Http.Headers;
using TaskBoard.Data;

namespace TaskBoard.Web.Api;

/// <summary>The <c>Cors</c> configuration section.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    /// <summary>Origins (scheme://host[:port]) whose browser apps may call <c>/api</c>. None by default. Never with credentials: the API takes bearer tokens only.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

public static class ApiSetup
{
    private const string CorsPolicy = "api";

    /// <summary>JSON conventions, the body size limit, CORS, and problem+json for every error, including the framework's own.</summary>
    public static WebApplicationBuilder AddTaskBoardApi(this WebApplicationBuilder builder)
    {
        // Kestrel refuses larger bodies everywhere; JsonBody enforces the same limit whatever the server.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        var services = builder.Services;
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new MicrosecondTimeConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Tasks.TaskJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, Boards.BoardJsonContext.Default);
        });
        // Bad input reaches ApiExceptionHandler as an exception, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey("code"))
            {
                var code = ErrorCodes.ForStatus(status);
                problem.Extensions["code"] = code;
                problem.Title = ErrorCodes.Title(code);
                problem.Detail = ErrorCodes.Message(code);
            }

            // The framework names a type for most statuses but not all (429, 413); every problem has one.
            problem.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#name-{ReasonPhraseSlug(status)}";
        });
        services.AddExceptionHandler<ApiExceptionHandler>();

        var origins = builder.Services.AddSettings<CorsSettings>(builder.Configuration, CorsSettings.Section, o => o.AllowedOrigins
            .Where(origin => !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            .Select(origin => $"{CorsSettings.Section}:AllowedOrigins contains '{origin}', which is not an origin such as https://app.example.com (scheme, host and port; no path).")).AllowedOrigins;
        services.AddCors(o => o.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, ApiHeaders.IdempotencyKey)
            .WithExposedHeaders(ApiHeaders.Exposed)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    /// <summary>
    /// Before routing: HEAD is answered as GET without the body (so every GET route takes HEAD), and
    /// on <c>/api</c> cross-origin requests are checked against <c>Cors:AllowedOrigins</c> (a preflight
    /// is answered here) and a body in any media type but JSON (or JSON merge patch on PATCH) is 415.
    /// </summary>
    public static WebApplication UseTaskBoardApiRequests(this WebApplication app)
    {
        app.Use((http, next) => HttpMethods.IsHead(http.Request.Method) ? AsGetAsync(http, next) : next(http));
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseCors(CorsPolicy);
            api.Use((http, next) => HasBody(http.Request) && !JsonBody.Accepts(http.Request)
                ? ApiProblem.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType)
                : next(http));
        });
        return app;

        static async Task AsGetAsync(HttpContext http, RequestDelegate next)
        {
            http.Request.Method = HttpMethods.Get;
            var body = http.Features.Get<IHttpResponseBodyFeature>()!;
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            try
            {
                await next(http);
            }
            finally
            {
                http.Request.Method = HttpMethods.Head;
                http.Features.Set(body);
            }
        }
    }

    /// <summary>Exception handling and problem bodies for bare error statuses (404, 405, ...).</summary>
    public static WebApplication UseTaskBoardApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>The anchor RFC 9110 gives a status's section: "too-many-requests" for 429.</summary>
    private static string ReasonPhraseSlug(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant().Replace(' ', '-');
}

/// <summary>
/// Timestamps as UTC with exactly six fractional digits (microseconds, as PostgreSQL stores them),
/// whether the value came from the database or from the clock a moment ago.
/// </summary>
public sealed class MicrosecondTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDateTime();
        return value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var truncated = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        writer.WriteStringValue(truncated.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }
}
