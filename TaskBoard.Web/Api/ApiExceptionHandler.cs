using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;
using TaskBoard.Data.Database;

namespace TaskBoard.Web.Api;

/// <summary>
/// Turns exceptions into problem+json: the framework's bad-request exceptions (broken JSON, wrong
/// content type, oversized body) keep their status; an unreachable database is a 503 with
/// Retry-After; anything else is a 500 that says nothing about its cause. The cause goes to the log
/// only. A browser asking for a page gets the same answer as a short HTML page instead.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client is asked to wait before retrying while the database is unreachable.</summary>
    public const int OutageRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest => (bad.StatusCode, ErrorCodes.MalformedRequest),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.ForStatus(bad.StatusCode)),
            _ when DatabaseOutage.IsOutage(exception) => (StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while the database is down: one line, no stack trace.
            logger.LogWarning("Database unreachable on {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = OutageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (WantsPage(httpContext.Request))
        {
            await ErrorPage.WriteAsync(httpContext, code, refresh: status == StatusCodes.Status503ServiceUnavailable);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = ApiProblem.Details(status, code),
        });
    }

    /// <summary>A browser navigating to a page or posting a form (never the API, which always answers problem+json).</summary>
    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
