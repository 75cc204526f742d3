using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskBoard.Web.Api;

/// <summary>An example request body and success response for an endpoint's OpenAPI operation.</summary>
public sealed record ApiExample(string? Request, string? Response)
{
    /// <summary>Copies the endpoint's <see cref="ApiExample"/> (if any) into its operation.</summary>
    internal static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiExample>().FirstOrDefault() is not { } example)
        {
            return Task.CompletedTask;
        }

        if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = JsonNode.Parse(example.Request);
            }
        }

        if (example.Response is not null && operation.Responses is { } responses)
        {
            var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value.Content).FirstOrDefault(c => c is { Count: > 0 });
            foreach (var media in success?.Values ?? [])
            {
                media.Example = JsonNode.Parse(example.Response);
            }
        }

        return Task.CompletedTask;
    }
}
