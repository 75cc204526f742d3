using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>
/// The committed OpenAPI document (openapi/taskboard.json, kept equal to the live one by
/// OpenApiContractTests) as a checker: every <c>/api</c> response is compared with what the document
/// says its operation answers with that status: the status must be documented, and the body must be
/// of a documented media type and valid against its schema.
/// </summary>
public sealed class ApiContract
{
    public static readonly string DocumentPath = Path.Combine(RepositoryRoot.Path, "openapi", "taskboard.json");

    private static readonly Lazy<ApiContract> Committed = new(() => new ApiContract(File.ReadAllText(DocumentPath)));

    private readonly JsonObject paths;
    private readonly JsonNode definitions;
    private readonly List<(Regex Pattern, string Template)> templates;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    public ApiContract(string document)
    {
        // Component references point into $defs, so that each response schema is a self-contained JSON Schema.
        var root = JsonNode.Parse(document.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        paths = root["paths"]!.AsObject();
        definitions = root["components"]!["schemas"]!;
        templates = [.. paths.Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"), p.Key))];
    }

    public static ApiContract Document => Committed.Value;

    /// <summary>The problems of one response against the document; empty when it conforms or is not an operation of the document.</summary>
    public IReadOnlyList<string> Check(string method, string path, HttpStatusCode statusCode, string? mediaType, string body)
    {
        var template = templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Template;
        var verb = (method == "HEAD" ? "GET" : method).ToLowerInvariant();
        if (template is null || paths[template]![verb] is not JsonObject operation)
        {
            return [];
        }

        var status = ((int)statusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = $"{method} {path} → {status}";
        if (operation["responses"]![status] is not JsonObject response)
        {
            return [$"{where}: the document does not list status {status} for {verb.ToUpperInvariant()} {template}."];
        }

        if (method == "HEAD" || body.Length == 0)
        {
            return response["content"] is JsonObject { Count: > 0 } && method != "HEAD" && statusCode != HttpStatusCode.NotModified
                ? [$"{where}: the document promises a body, but there is none."]
                : [];
        }

        if (response["content"]?[mediaType ?? ""] is not JsonObject media)
        {
            return [$"{where}: the body is {mediaType}, which the document does not list for this status."];
        }

        var schema = schemas.GetOrAdd($"{template} {verb} {status} {mediaType}", _ => JsonSchema.FromText(new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = definitions.DeepClone(),
            ["allOf"] = new JsonArray(media["schema"]!.DeepClone()),
        }.ToJsonString()));
        var results = schema.Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : [.. results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{where}: {d.InstanceLocation}: {e.Value} (schema {d.EvaluationPath})"))];
    }
}

/// <summary>Fails the request when its response does not match the document (see <see cref="ApiContract"/>).</summary>
public sealed class ApiContractHandler(ApiContract contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problems = contract.Check(request.Method.Method, path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        Assert.True(problems.Count == 0, "The response does not match the OpenAPI document:\n" + string.Join("\n", problems) + "\nBody: " + body);
        return response;
    }
}
