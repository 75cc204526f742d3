using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
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

    /// <summary>The values of a repeatable parameter as a set of ids, or null when one is not an id.</summary>
    public static IReadOnlyCollection<Guid>? IdSet(IReadOnlyList<string> values)
    {
        var parsed = new HashSet<Guid>();
        foreach (var text in values)
        {
            if (!Guid.TryParse(text, out var id))
            {
                return null;
            }

            parsed.Add(id);
        }

        return parsed;
    }

    /// <summary>A query-string boolean: true or false, nothing else.</summary>
    public static bool? Boolean(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };
}

/// <summary>A query string's table, named by a type so that <see cref="Query{TDefinition, T}"/> can bind it.</summary>
public interface IQueryDefinition<T>
    where T : class
{
    static abstract QueryTable<T> Table { get; }
}

/// <summary>A query string read by <typeparamref name="TDefinition"/>'s table: the query, or the problem to answer.</summary>
public sealed record Query<TDefinition, T>(T Value, ProblemHttpResult? Problem) : IEndpointParameterMetadataProvider
    where TDefinition : IQueryDefinition<T>
    where T : class
{
    public static ValueTask<Query<TDefinition, T>?> BindAsync(HttpContext http)
    {
        var (query, errors) = TDefinition.Table.Read(http.Request.Query);
        return ValueTask.FromResult<Query<TDefinition, T>?>(new(query, errors.Count > 0 ? ApiProblem.Validation(errors) : null));
    }

    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ApiQueryMetadata(TDefinition.Table));
}
