using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using TaskBoard.Data;

namespace TaskBoard.Web.Api;

/// <summary>The <c>OpenApi</c> configuration section.</summary>
public sealed class OpenApiOptions
{
    public const string Section = "OpenApi";

    /// <summary>Serve /openapi/v1.json and the browsable reference at /scalar. Default: on in Development only.</summary>
    public bool? Enabled { get; set; }
}

public static class OpenApiSetup
{
    public static IServiceCollection AddTaskBoardOpenApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<OpenApiOptions>(configuration, OpenApiOptions.Section);
        services.AddOpenApi(o => o
            .AddSchemaTransformer(ApiSchemas.ApplyAsync)
            .AddOperationTransformer(ApiOperations.ApplyAsync)
            .AddOperationTransformer(ApiExample.ApplyAsync)
            .AddDocumentTransformer(DescribeDocumentAsync));
        return services;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "TaskBoard API",
            Version = "v1",
            Description = "Tasks for scripts and apps. Sign in at /api/auth/sign-in (or create a token at /api/tokens) and send the token as " +
                "'Authorization: Bearer <token>'. Every error is application/problem+json with a stable `code`. Bodies are JSON " +
                "(PATCH also takes application/merge-patch+json); timestamps are UTC with microseconds.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            Contact = new OpenApiContact { Name = "TaskBoard" },
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The instance that serves this document." }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Auth", Description = "Accounts: sign-up, sign-in (with two-factor), sign-out, password, email confirmation and reset." },
            new() { Name = "Sessions", Description = "Your sessions and personal access tokens." },
            new() { Name = "Tasks", Description = "The tasks of the boards you reach: list, create, read, change, move, assign and delete, with ETags and idempotent creates; their comments and history." },
            new() { Name = "Boards", Description = "Your boards and the ones shared with you, and their columns: create, rename, reorder, archive and delete, with ETags." },
            new() { Name = "Sharing", Description = "A board's members and their roles (owner, editor, viewer), invitations by email, leaving, and handing a board over." },
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[JwtBearerDefaults.AuthenticationScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from /api/auth/sign-in, /api/auth/sign-up or /api/tokens.",
        };

        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, (type, description)) in ApiHeaders.Responses)
        {
            document.Components.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
        }

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in ApiSchemas.Problems(document))
        {
            document.Components.Schemas[name] = schema;
        }

        var bodies = context.DescriptionGroups.SelectMany(g => g.Items)
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<ApiBodyMetadata>())
            .Select(b => b.Body).DistinctBy(b => b.SchemaName);
        foreach (var body in bodies)
        {
            document.Components.Schemas[body.SchemaName] = body.Schema();
        }

        return Task.CompletedTask;
    }

    public static WebApplication MapTaskBoardOpenApi(this WebApplication app)
    {
        var enabled = app.Services.GetRequiredService<OpenApiOptions>().Enabled ?? app.Environment.IsDevelopment();
        if (enabled)
        {
            app.MapOpenApi();
            app.MapScalarApiReference(o => o.WithTitle("TaskBoard API"));
        }

        return app;
    }
}
