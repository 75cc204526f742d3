using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.OpenApi;

namespace TaskBoard.Web.Api;

/// <summary>
/// One field of a JSON request body: its schema (for the OpenAPI document) and how it is read onto
/// <typeparamref name="T"/>. <see cref="Read"/> answers null when the value is not acceptable; then
/// <see cref="Error"/> is reported against the field.
/// </summary>
public sealed record BodyField<T>(string Name, Func<IOpenApiSchema> Schema, Func<JsonElement, T, T?> Read, string Error)
    where T : class;

/// <summary>A request body's schema, as the OpenAPI document publishes it.</summary>
public interface IBodySchema
{
    /// <summary>The component name in the OpenAPI document.</summary>
    string SchemaName { get; }

    OpenApiSchema Schema();
}

/// <summary>
/// A request body described once, as a table of fields, and used twice: to read and validate bodies
/// (every problem reported against its field, absent told apart from null, unknown, repeated and
/// server-owned fields refused) and to publish the body's schema in the OpenAPI document. The two
/// cannot drift apart.
/// </summary>
public sealed class BodyTable<T> : IBodySchema
    where T : class
{
    private readonly FrozenDictionary<string, BodyField<T>> byName;
    private readonly Func<T> empty;
    private readonly Action<T, IReadOnlySet<string>, Dictionary<string, string[]>>? check;

    /// <param name="schemaName">The component name in the OpenAPI document.</param>
    /// <param name="description">What the body is, for the document.</param>
    /// <param name="fields">The fields, in the order the document lists them.</param>
    /// <param name="required">The fields that must be present.</param>
    /// <param name="refused">Fields that are known but not accepted here, with the reason (server-owned ones, say).</param>
    /// <param name="empty">The value before any field is read.</param>
    /// <param name="check">Rules across fields, run after every field was read: the value, the names seen, the errors so far.</param>
    public BodyTable(
        string schemaName,
        string description,
        IReadOnlyList<BodyField<T>> fields,
        IReadOnlyCollection<string> required,
        IReadOnlyDictionary<string, string> refused,
        Func<T> empty,
        Action<T, IReadOnlySet<string>, Dictionary<string, string[]>>? check = null)
    {
        SchemaName = schemaName;
        Description = description;
        Fields = fields;
        Required = required;
        Refused = refused.ToFrozenDictionary(StringComparer.Ordinal);
        byName = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        this.empty = empty;
        this.check = check;
    }

    public string SchemaName { get; }

    public string Description { get; }

    public IReadOnlyList<BodyField<T>> Fields { get; }

    public IReadOnlyCollection<string> Required { get; }

    public IReadOnlyDictionary<string, string> Refused { get; }

    /// <summary>The value before any field is read.</summary>
    public T Empty() => empty();

    public (T Value, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        var value = empty();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object."];
            return (value, errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            if (!seen.Add(name))
            {
                errors[name] = ["This field is given more than once."];
            }
            else if (byName.TryGetValue(name, out var field))
            {
                if (field.Read(property.Value, value) is { } read)
                {
                    value = read;
                }
                else
                {
                    errors[name] = [field.Error];
                }
            }
            else
            {
                errors[name] = [Refused.TryGetValue(name, out var reason)
                    ? reason
                    : $"Unknown field. Fields are: {string.Join(", ", Fields.Select(f => f.Name))}."];
            }
        }

        foreach (var name in Required)
        {
            if (!seen.Contains(name) && !errors.ContainsKey(name))
            {
                errors[name] = [$"{char.ToUpperInvariant(name[0])}{name[1..]} is required."];
            }
        }

        check?.Invoke(value, seen, errors);
        return (value, errors);
    }

    /// <summary>The body's JSON Schema: exactly these fields, the required ones required, nothing else.</summary>
    public OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = Description,
        Properties = Fields.ToDictionary(f => f.Name, f => f.Schema()),
        Required = new HashSet<string>(Required),
        AdditionalPropertiesAllowed = false,
    };
}
