using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Api;

/// <summary>RFC 9457 problem details with a stable <c>code</c>; <c>traceId</c> is added by the problem details service.</summary>
public static class ApiProblem
{
    public static ProblemDetails Details(int status, string code, string? detail = null) => new()
    {
        Status = status,
        Title = ErrorCodes.Title(code),
        Detail = detail ?? ErrorCodes.Message(code),
        Extensions = { ["code"] = code },
    };

    public static ProblemHttpResult Result(int status, string code, string? detail = null) => TypedResults.Problem(Details(status, code, detail));

    /// <summary>A problem that carries one more member besides the usual ones (such as the <c>mfaToken</c> of <c>mfa_required</c>).</summary>
    public static ProblemHttpResult Result(int status, string code, string extension, object? value)
    {
        var details = Details(status, code);
        details.Extensions[extension] = value;
        return TypedResults.Problem(details);
    }

    /// <summary>400 <c>validation_failed</c> with the problems per field in <c>errors</c>.</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ErrorCodes.Title(ErrorCodes.ValidationFailed),
            Detail = ErrorCodes.Message(ErrorCodes.ValidationFailed),
            Extensions = { ["code"] = ErrorCodes.ValidationFailed },
        });

    /// <summary>
    /// 404 <c>not_found</c> naming what was missing ("task", "board", "column"): the same answer for one that
    /// does not exist and one on a board the caller cannot reach.
    /// </summary>
    public static ProblemHttpResult NotFound(string what) =>
        Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"There is no {what} with that id.");

    /// <summary>Stale If-Match: 412, with the current ETag so the client can reload and retry.</summary>
    public static ProblemHttpResult PreconditionFailed(IVersioned current, HttpContext http)
    {
        http.Response.Headers.ETag = ETags.For(current);
        return Result(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed);
    }

    /// <summary>The problem for a write that did not happen; <paramref name="addressed"/> names the thing the URL addresses.</summary>
    public static ProblemHttpResult ForFailure<T>(WriteResult<T> result, string addressed, HttpContext http) => result.Outcome switch
    {
        WriteOutcome.Invalid => Validation(result.Errors),
        WriteOutcome.Conflict => PreconditionFailed(result.Current!, http),
        WriteOutcome.KeyReused => Result(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused),
        WriteOutcome.Forbidden => Result(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, result.Reason),
        _ => NotFound(result.Missing ?? addressed),
    };

    /// <summary>A write's answer: 200 with the new ETag and <paramref name="shown"/> of the value, or the problem (see <see cref="ForFailure{T}"/>).</summary>
    public static Results<Ok<TResponse>, ProblemHttpResult> OkOrProblem<T, TResponse>(WriteResult<T> result, string addressed, Func<T, TResponse> shown, HttpContext http)
        where T : IVersioned
    {
        if (!result.IsOk)
        {
            return ForFailure(result, addressed, http);
        }

        http.Response.Headers.ETag = ETags.For(result.Value);
        return TypedResults.Ok(shown(result.Value));
    }

    /// <summary>
    /// A read of one thing: 404 naming <paramref name="what"/> when there is none (or the caller cannot
    /// reach it); else its ETag, and 304 when <c>If-None-Match</c> names it, or 200 with <paramref name="shown"/> of it.
    /// </summary>
    public static Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult> OkOrNotModified<T, TResponse>(
        T? stored, string what, string? ifNoneMatch, Func<T, TResponse> shown, HttpContext http)
        where T : class, IVersioned
    {
        if (stored is null)
        {
            return NotFound(what);
        }

        http.Response.Headers.ETag = ETags.For(stored);
        return ETags.NoneMatchHits(ifNoneMatch, stored)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(shown(stored));
    }

    /// <summary>Writes a problem outside an endpoint (authentication challenges, rate limiting).</summary>
    public static async Task WriteAsync(HttpContext http, int status, string code, string? detail = null)
    {
        http.Response.StatusCode = status;
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Details(status, code, detail) });
    }
}
