namespace TaskBoard.Web.Api;

/// <summary>Endpoint metadata: headers a response with <see cref="Status"/> carries, named as in <see cref="ApiHeaders.Responses"/>.</summary>
public sealed record ApiResponseHeadersMetadata(int Status, IReadOnlyList<string> Headers);

/// <summary>Endpoint metadata: error statuses an endpoint answers beyond the ones every endpoint of its kind can (see <see cref="ApiOperations"/>).</summary>
public sealed record ApiProblemsMetadata(IReadOnlyList<int> Statuses);

public static class ApiDocs
{
    /// <summary>Declares headers of one response status.</summary>
    public static TBuilder ResponseHeaders<TBuilder>(this TBuilder builder, int status, params string[] headers)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiResponseHeadersMetadata(status, headers));

    /// <summary>Declares problem+json statuses the endpoint answers.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiProblemsMetadata(statuses));

    /// <summary>A read of one resource: 200 with its ETag, 304 when If-None-Match names it, or 404.</summary>
    public static RouteHandlerBuilder ReadsOne(this RouteHandlerBuilder builder) => builder
        .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.ETag)
        .ResponseHeaders(StatusCodes.Status304NotModified, ApiHeaders.ETag)
        .Produces(StatusCodes.Status304NotModified)
        .Problems(StatusCodes.Status404NotFound);

    /// <summary>A write to one resource: 200 with its new ETag, or 404, or 412 with the current ETag.</summary>
    public static RouteHandlerBuilder ChangesOne(this RouteHandlerBuilder builder) => builder
        .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.ETag)
        .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
        .Problems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
}
