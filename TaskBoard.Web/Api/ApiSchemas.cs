using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskBoard.Web.Api;

/// <summary>
/// Makes the generated schemas say what the server does: enums are strings; request records have
/// no nulls (a field is optional only where its parameter has a default, and optional is not null);
/// and the problem bodies carry their stable <c>code</c> and <c>traceId</c>.
/// </summary>
internal static class ApiSchemas
{
    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
        }
        else if (context.JsonPropertyInfo is null && IsRequestRecord(type) && schema.Properties is { } properties)
        {
            foreach (var property in properties.Values.OfType<OpenApiSchema>())
            {
                if (property.Type is { } propertyType)
                {
                    property.Type = propertyType & ~JsonSchemaType.Null;
                }
            }

            var optional = type.GetConstructors().Single().GetParameters().Where(p => p.HasDefaultValue)
                .Select(p => context.JsonTypeInfo.Options.PropertyNamingPolicy?.ConvertName(p.Name!) ?? p.Name!);
            schema.Required = new HashSet<string>((schema.Required ?? new HashSet<string>()).Except(optional));
        }

        return Task.CompletedTask;
    }

    /// <summary>A request body bound by the framework: a record named *Request in this app.</summary>
    private static bool IsRequestRecord(Type type) =>
        type.Namespace?.StartsWith("TaskBoard.Web", StringComparison.Ordinal) == true
        && type.Name.EndsWith("Request", StringComparison.Ordinal)
        && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    /// <summary>The problem+json bodies and the enum of their codes.</summary>
    public static IEnumerable<(string Name, OpenApiSchema Schema)> Problems(OpenApiDocument document)
    {
        yield return ("ErrorCode", new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The stable code of a problem. Its meaning:\n\n" +
                string.Join("\n", ErrorCodes.All.Select(c => $"- `{c}`: {ErrorCodes.Title(c)}. {ErrorCodes.Message(c)}")),
            Enum = [.. ErrorCodes.All.Select(c => (JsonNode)JsonValue.Create(c))],
        });
        yield return (ApiOperations.ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem with a stable code.",
            Required = new HashSet<string> { "type", "title", "status", "detail", "code", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = ApiSchema.String("A URI reference naming the kind of problem."),
                ["title"] = ApiSchema.String("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "What went wrong, in a sentence a person can read.",
                    // Kiota makes this the message of the exception a generated client throws.
                    Extensions = new Dictionary<string, IOpenApiExtension> { ["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true)) },
                },
                ["instance"] = ApiSchema.String("The request it happened to."),
                ["code"] = new OpenApiSchemaReference("ErrorCode", document),
                ["traceId"] = ApiSchema.String("Names the request in the server's logs."),
                ["mfaToken"] = ApiSchema.String("Only with mfa_required: send it with a code to /api/auth/sign-in/2fa."),
            },
        });
        yield return (ApiOperations.ValidationProblemSchema, new OpenApiSchema
        {
            Description = "A problem of the request itself: validation_failed lists the problems per field or parameter in errors; malformed_request has none.",
            AllOf =
            [
                new OpenApiSchemaReference(ApiOperations.ProblemSchema, document),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["errors"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Description = "For each field or parameter, what is wrong with it.",
                            AdditionalProperties = ApiSchema.Array(ApiSchema.String("One problem."), "The problems of one field."),
                        },
                    },
                },
            ],
        });
    }
}
