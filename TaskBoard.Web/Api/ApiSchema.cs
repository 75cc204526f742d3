using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TaskBoard.Web.Api;

/// <summary>Small builders for the JSON Schemas that the API's input tables publish in the OpenAPI document.</summary>
public static class ApiSchema
{
    public static OpenApiSchema String(string description, int? minLength = null, int? maxLength = null, string? format = null) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        MinLength = minLength,
        MaxLength = maxLength,
        Format = format,
    };

    public static OpenApiSchema Boolean(string description) => new() { Type = JsonSchemaType.Boolean, Description = description };

    public static OpenApiSchema Integer(string description, int minimum, int maximum, int? @default = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Description = description,
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        Default = @default is { } value ? JsonValue.Create(value) : null,
    };

    /// <summary>A string enum spelled as the API spells it (lower_snake).</summary>
    public static OpenApiSchema Enum<T>(string description)
        where T : struct, System.Enum => new()
        {
            Type = JsonSchemaType.String,
            Description = description,
            Enum = [.. System.Enum.GetValues<T>().Select(v => (JsonNode)JsonValue.Create(ApiEnum<T>.Name(v)))],
        };

    /// <summary>
    /// A reference to the enum's own schema, which the document has from the responses that use it,
    /// so generated clients get one type for it, not one per body.
    /// </summary>
    public static IOpenApiSchema EnumRef<T>(string description)
        where T : struct, System.Enum => new OpenApiSchemaReference(typeof(T).Name) { Description = description };

    public static OpenApiSchema Array(IOpenApiSchema items, string description, int? maxItems = null) => new()
    {
        Type = JsonSchemaType.Array,
        Description = description,
        Items = items,
        MaxItems = maxItems,
    };

    /// <summary>The same schema, also accepting JSON null.</summary>
    public static OpenApiSchema OrNull(this OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }
}
