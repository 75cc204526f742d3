using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace TaskBoard.Web.Api;

/// <summary>Reads a JSON request body within the API's size limit, answering the problems a body can have.</summary>
public static class JsonBody
{
    /// <summary>The largest request body the API accepts.</summary>
    public const int MaxBytes = 64 * 1024;

    public const string Json = "application/json";

    /// <summary>RFC 7396 JSON merge patch, accepted on PATCH only.</summary>
    public const string MergePatch = "application/merge-patch+json";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (!Accepts(request))
        {
            return (null, ApiProblem.Result(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, ApiProblem.Result(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge));
        }

        // Read at most one byte past the limit, whatever the server's own limit is.
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, ApiProblem.Result(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge));
            }
        }

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Options), null);
        }
        catch (JsonException)
        {
            return (null, ApiProblem.Result(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest));
        }
    }

    /// <summary>application/json (any charset parameter), or on PATCH also application/merge-patch+json; nothing else.</summary>
    public static bool Accepts(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || (HttpMethods.IsPatch(request.Method) && type.MediaType.Equals(MergePatch, StringComparison.OrdinalIgnoreCase)));
}
