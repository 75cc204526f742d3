using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TaskBoard.Data;

namespace TaskBoard.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Framework categories whose debug messages quote what people type: SignalR logs every hub
    /// invocation with its arguments, and for a Blazor circuit those are form values, passwords included.
    /// </summary>
    private static readonly string[] UserInputCategories =
    [
        "Microsoft.AspNetCore.SignalR",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components.Server",
    ];

    /// <summary>The setting that chooses the console's format: <c>text</c> (the default) or <c>json</c>.</summary>
    public const string FormatKey = "Logging:Format";

    /// <summary>One readable line per event.</summary>
    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog: levels (and any extra sinks) from the <c>Serilog</c> configuration section, and the
    /// console in the format <see cref="FormatKey"/> names: text lines, or one JSON object per line
    /// (Serilog's compact format: <c>@t</c>, <c>@mt</c>, <c>@l</c>, <c>@x</c>, the properties, and
    /// <c>@tr</c>/<c>@sp</c>, the trace and span ids of the request).
    /// </summary>
    public static WebApplicationBuilder AddTaskBoardLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[FormatKey] ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new InvalidConfigurationException($"{FormatKey} is '{format}'; it must be text or json.");
        }

        // One logger per host, and the static one left alone: without preserveStaticLogger every host in a
        // process would write through whichever host set the static logger last (tests run several at once).
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Filter.ByExcluding(QuotesUserInput);
            if (format == "json")
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>The slowest request still logged at Debug when it succeeds.</summary>
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One line per request, at a level that says whether it matters: a fast success is Debug (a console
    /// line per request is a real cost under load, and a reverse proxy keeps an access log anyway), a
    /// client error Information, a slow request Warning and a server error Error.
    /// </summary>
    public static WebApplication UseTaskBoardRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = RequestLevel;
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // this host's logger, not the static one
        });
        return app;
    }

    public static LogEventLevel RequestLevel(HttpContext http, double elapsedMs, Exception? exception) =>
        exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : elapsedMs >= SlowRequest.TotalMilliseconds ? LogEventLevel.Warning
        : http.Response.StatusCode >= StatusCodes.Status400BadRequest ? LogEventLevel.Information
        : LogEventLevel.Debug;

    /// <summary>Below Information those categories are dropped whatever the configured level.</summary>
    private static bool QuotesUserInput(LogEvent logEvent) =>
        logEvent.Level < LogEventLevel.Information
        && logEvent.Properties.TryGetValue("SourceContext", out var value)
        && value is ScalarValue { Value: string category }
        && UserInputCategories.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal));
}
