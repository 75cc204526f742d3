using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

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
    public static IServiceCollection AddTaskBoardOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddOperationTransformer(ApiExample.ApplyAsync).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "TaskBoard API",
                Version = "v1",
                Description = "Tasks for scripts and apps. Sign in at /api/auth/sign-in and send the token as 'Authorization: Bearer <token>'. " +
                    "Every error is application/problem+json with a stable `code`.",
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
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(JwtBearerDefaults.AuthenticationScheme, document)] = [],
            });
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication MapTaskBoardOpenApi(this WebApplication app)
    {
        var enabled = app.Configuration.GetSection(OpenApiOptions.Section).Get<OpenApiOptions>()?.Enabled ?? app.Environment.IsDevelopment();
        if (enabled)
        {
            app.MapOpenApi();
            app.MapScalarApiReference(o => o.WithTitle("TaskBoard API"));
        }

        return app;
    }
}
