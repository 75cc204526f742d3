using Microsoft.OpenApi;

namespace TaskBoard.Web.Api;

/// <summary>
/// One query-string parameter: its schema (for the OpenAPI document) and how its values are read onto
/// <typeparamref name="T"/>. <see cref="Read"/> gets every value given (repeated, and for a
/// <see cref="Repeatable"/> parameter also split at commas) and answers null when one is not
/// acceptable; then <see cref="Error"/> is reported against the parameter.
/// </summary>
public sealed record QueryField<T>(
    string Name, string Description, Func<OpenApiSchema> Schema, Func<IReadOnlyList<string>, T, T?> Read, string Error, bool Repeatable = false)
    where T : class;

/// <summary>The query parameters an endpoint reads, for the OpenAPI document.</summary>
public interface IQueryParameters
{
    IEnumerable<OpenApiParameter> Parameters();
}

/// <summary>
/// A query string described once, as a table of parameters, and used to read it (every bad parameter
/// reported at once, by name) and to publish its parameters in the OpenAPI document.
/// </summary>
public sealed class QueryTable<T>(IReadOnlyList<QueryField<T>> fields, Func<T> empty, Action<T, Dictionary<string, string[]>>? check = null)
    : IQueryParameters
    where T : class
{
    public IReadOnlyList<QueryField<T>> Fields => fields;

    public (T Value, Dictionary<string, string[]> Errors) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var value = empty();
        foreach (var field in fields)
        {
            var given = query[field.Name];
            var values = field.Repeatable
                ? given.SelectMany(v => (v ?? "").Split(',')).Where(v => v.Length > 0).ToList()
                : given.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            if (!field.Repeatable && values.Count > 1)
            {
                errors[field.Name] = [$"Give {field.Name} once."];
            }
            else if (field.Read(values, value) is { } read)
            {
                value = read;
            }
            else
            {
                errors[field.Name] = [field.Error];
            }
        }

        check?.Invoke(value, errors);
        return (value, errors);
    }

    public IEnumerable<OpenApiParameter> Parameters() => fields.Select(f => new OpenApiParameter
    {
        Name = f.Name,
        In = ParameterLocation.Query,
        Description = f.Description,
        Required = false,
        Schema = f.Schema(),
        Style = f.Repeatable ? ParameterStyle.Form : null,
        Explode = true,
    });

    /// <summary>The values of a repeatable parameter as a set of <typeparamref name="TEnum"/>, or null when one is not a name.</summary>
    public static IReadOnlyCollection<TEnum>? EnumSet<TEnum>(IReadOnlyList<string> values)
        where TEnum : struct, Enum
    {
        var parsed = new HashSet<TEnum>();
        foreach (var text in values)
        {
            if (!ApiEnum<TEnum>.TryParse(text, out var item))
            {
                return null;
            }

            parsed.Add(item);
        }

        return parsed;
    }
}
