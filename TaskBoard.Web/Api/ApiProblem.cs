using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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

    /// <summary>Writes a problem outside an endpoint (authentication challenges, rate limiting).</summary>
    public static async Task WriteAsync(HttpContext http, int status, string code, string? detail = null)
    {
        http.Response.StatusCode = status;
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Details(status, code, detail) });
    }
}
