using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace TaskBoard.Web.Api;

/// <summary>Endpoint metadata: the request body an endpoint reads, for the OpenAPI document.</summary>
public sealed record ApiBodyMetadata(IBodySchema Body, IReadOnlyList<string> MediaTypes, bool Required = true);

/// <summary>Binds request bodies through their <see cref="BodyTable{T}"/>, and describes them from the same table.</summary>
public static class ApiBody
{
    public static async ValueTask<(T Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http, BodyTable<T> table, bool optional = false)
        where T : class
    {
        if (optional && http.Request.ContentLength is null or 0 && string.IsNullOrEmpty(http.Request.ContentType))
        {
            // No body at all where one is optional: every field at its default.
            return (table.Empty(), null);
        }

        var (document, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null)
        {
            return (table.Empty(), problem);
        }

        using (document)
        {
            var (value, errors) = table.Read(document!.RootElement);
            return (value, errors.Count > 0 ? ApiProblem.Validation(errors) : null);
        }
    }

    /// <summary>Records the body for the document, with the media types <see cref="JsonBody"/> accepts (JSON merge patch on PATCH).</summary>
    public static void Describe(EndpointBuilder builder, IBodySchema body, bool patch = false, bool optional = false) =>
        builder.Metadata.Add(new ApiBodyMetadata(body, patch ? [JsonBody.Json, JsonBody.MergePatch] : [JsonBody.Json], !optional));
}

/// <summary>Endpoint metadata: the query parameters an endpoint reads, for the OpenAPI document.</summary>
public sealed record ApiQueryMetadata(IQueryParameters Query);

/// <summary>A request body's table, named by a type so that <see cref="Body{TDefinition, T}"/> can bind it.</summary>
public interface IBodyDefinition<T>
    where T : class
{
    static abstract BodyTable<T> Table { get; }

    /// <summary>Whether the body is a patch, which may also come as JSON merge patch.</summary>
    static virtual bool Patch => false;

    /// <summary>Whether the request may come without a body (no content at all), which reads as every field at its default.</summary>
    static virtual bool Optional => false;
}

/// <summary>A request body read by <typeparamref name="TDefinition"/>'s table: the value, or the problem to answer.</summary>
public sealed record Body<TDefinition, T>(T Value, ProblemHttpResult? Problem) : IEndpointParameterMetadataProvider
    where TDefinition : IBodyDefinition<T>
    where T : class
{
    public static async ValueTask<Body<TDefinition, T>?> BindAsync(HttpContext http)
    {
        var (value, problem) = await ApiBody.ReadAsync(http, TDefinition.Table, TDefinition.Optional);
        return new(value, problem);
    }

    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        ApiBody.Describe(builder, TDefinition.Table, TDefinition.Patch, TDefinition.Optional);
}
