using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Api;

/// <summary>
/// Completes each <c>/api</c> operation of the OpenAPI document from the endpoint's metadata: its
/// query parameters and body (from the same tables that read them), its request and response headers,
/// and every status it can answer with the problem schema, including the ones common to every
/// endpoint of its kind (401 and 403 with a token, 400/413/415 with a body, 429 and 503 everywhere).
/// </summary>
internal static class ApiOperations
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "ValidationProblemDetails";
    private const string ProblemJson = "application/problem+json";

    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = anonymous ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(JwtBearerDefaults.AuthenticationScheme, document)] = [] }];

        if (metadata.OfType<RequiredScopeMetadata>().LastOrDefault() is { } scope)
        {
            operation.Description = $"{operation.Description} Needs a token with the {scope.Scope} scope.".TrimStart();
        }

        DescribeParameters(operation, metadata);
        var body = metadata.OfType<ApiBodyMetadata>().LastOrDefault();
        if (body is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = body.MediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchemaReference(body.Body.SchemaName, document) }),
            };
        }

        var statuses = new SortedSet<int>(metadata.OfType<ApiProblemsMetadata>().SelectMany(p => p.Statuses));
        if (operation.RequestBody is not null)
        {
            statuses.UnionWith([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        }

        if (!anonymous)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            if (metadata.OfType<RequiredScopeMetadata>().Any())
            {
                statuses.Add(StatusCodes.Status403Forbidden);
            }
        }

        statuses.UnionWith([StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable]);

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Problem(status, document);
        }

        foreach (var (key, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            var status = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            concrete.Description = string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrases.GetReasonPhrase(status)
                ? Describe(status)
                : concrete.Description;
            var headers = metadata.OfType<ApiResponseHeadersMetadata>().Where(h => h.Status == status).SelectMany(h => h.Headers).ToList();
            if (status is >= 200 and < 300 or StatusCodes.Status429TooManyRequests)
            {
                headers.AddRange([ApiHeaders.RateLimitPolicy, ApiHeaders.RateLimit]);
            }

            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                headers.Add(ApiHeaders.RetryAfter);
            }

            if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden && !anonymous)
            {
                headers.Add(ApiHeaders.WwwAuthenticate);
            }

            if (headers.Count > 0)
            {
                concrete.Headers = headers.Distinct().ToDictionary(h => h, h => (IOpenApiHeader)new OpenApiHeaderReference(h, document));
            }
        }

        return Task.CompletedTask;
    }

    private static void DescribeParameters(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Header && ApiHeaders.Requests.TryGetValue(parameter.Name!, out var meaning))
            {
                parameter.Description = meaning;
            }
            else if (parameter.In == ParameterLocation.Path && parameter.Name == "id")
            {
                parameter.Description = "The id.";
            }
        }

        var query = metadata.OfType<ApiQueryMetadata>().LastOrDefault();
        if (query is not null)
        {
            operation.Parameters ??= [];
            foreach (var parameter in query.Query.Parameters())
            {
                operation.Parameters.Add(parameter);
            }
        }
    }

    private static OpenApiResponse Problem(int status, OpenApiDocument? document) => new()
    {
        Description = Describe(status),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new()
            {
                Schema = new OpenApiSchemaReference(status == StatusCodes.Status400BadRequest ? ValidationProblemSchema : ProblemSchema, document),
            },
        },
    };

    /// <summary>What a status means in this API, with the codes it carries.</summary>
    private static string Describe(int status) => status switch
    {
        StatusCodes.Status200OK => "OK.",
        StatusCodes.Status201Created => "Created.",
        StatusCodes.Status202Accepted => "Accepted: it happens in the background.",
        StatusCodes.Status204NoContent => "Done; no body.",
        StatusCodes.Status304NotModified => "Not modified: the ETag in If-None-Match is current.",
        StatusCodes.Status400BadRequest => "validation_failed (with errors per field or parameter) or malformed_request.",
        StatusCodes.Status401Unauthorized => "Not signed in, or the sign-in failed: token_missing, token_invalid, token_expired, session_revoked, session_expired; " +
            "on sign-in also invalid_credentials, account_locked (with Retry-After), mfa_required (with an mfaToken), mfa_expired, invalid_code.",
        StatusCodes.Status403Forbidden => "insufficient_scope (the token lacks the scope), email_not_verified, account_disabled, " +
            "or forbidden (your role on the board does not allow it: a viewer's write, or what only the owner may do).",
        StatusCodes.Status404NotFound => "not_found: no such resource, or none you reach (another person's board answers exactly like a missing one).",
        StatusCodes.Status409Conflict => "email_taken or two_factor_already_enabled.",
        StatusCodes.Status412PreconditionFailed => "precondition_failed: If-Match names an old version; the ETag header has the current one.",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large: the body is over 64 KiB.",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type: send application/json (or, for PATCH, application/merge-patch+json).",
        StatusCodes.Status422UnprocessableEntity => "idempotency_key_reused: the Idempotency-Key already created a different task.",
        StatusCodes.Status429TooManyRequests => "rate_limited: wait Retry-After seconds.",
        StatusCodes.Status500InternalServerError => "internal_error: something went wrong on the server.",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable: the database cannot be reached; retry after Retry-After seconds.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
