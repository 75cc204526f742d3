using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace TaskBoard.Web.Api;

/// <summary>
/// Turns exceptions into problem+json: the framework's bad-request exceptions (broken JSON, wrong
/// content type, oversized body) keep their status; anything else is a 500 that says nothing about
/// its cause. The cause goes to the log only.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest => (bad.StatusCode, ErrorCodes.MalformedRequest),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.ForStatus(bad.StatusCode)),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError),
        };

        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = ApiProblem.Details(status, code),
        });
    }
}
