using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace TaskBoard.Web.Api;

public static class ApiSetup
{
    /// <summary>JSON conventions, the body size limit, and problem+json for every error, including the framework's own.</summary>
    public static WebApplicationBuilder AddTaskBoardApi(this WebApplicationBuilder builder)
    {
        // Kestrel refuses larger bodies everywhere; JsonBody enforces the same limit whatever the server.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        var services = builder.Services;
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Tasks.TaskJsonContext.Default);
        });
        // Bad input reaches ApiExceptionHandler as an exception, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey("code"))
            {
                var code = ErrorCodes.ForStatus(status);
                problem.Extensions["code"] = code;
                problem.Title = ErrorCodes.Title(code);
                problem.Detail = ErrorCodes.Message(code);
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    /// <summary>Exception handling and problem bodies for bare error statuses (404, 405, ...).</summary>
    public static WebApplication UseTaskBoardApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
