namespace TaskBoard.Web.Hosting;

/// <summary>The <c>Shutdown</c> configuration section.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// After SIGTERM, how long the app keeps serving while <c>/health/ready</c> already answers 503, so
    /// a load balancer stops sending new requests before the listener closes. 0 in Development.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);
}

public static class ShutdownSetup
{
    public static WebApplicationBuilder AddTaskBoardShutdown(this WebApplicationBuilder builder)
    {
        var options = Data.Settings.Bind<ShutdownOptions>(builder.Configuration, ShutdownOptions.Section);
        if (builder.Environment.IsDevelopment() && builder.Configuration[$"{ShutdownOptions.Section}:DrainDelay"] is null)
        {
            options.DrainDelay = TimeSpan.Zero;
        }

        if (options.DrainDelay < TimeSpan.Zero)
        {
            throw new Data.InvalidConfigurationException($"{ShutdownOptions.Section}:DrainDelay must not be negative.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<GracefulShutdown>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        return builder;
    }

    /// <summary>
    /// While stopping, readiness answers 503 at once (without running the checks, which would log
    /// every probe of a planned stop as an error), and no new Blazor circuit connects here: SignalR
    /// closed the open ones when stopping began, and a circuit reconnecting during the drain delay
    /// would hold the listener open until the shutdown timeout. Refused, the browser reconnects to
    /// another instance, or to this one restarted. These answers come before request logging, so a
    /// planned stop logs nothing per request.
    /// </summary>
    public static WebApplication UseTaskBoardShutdown(this WebApplication app)
    {
        var shutdown = app.Services.GetRequiredService<GracefulShutdown>();
        // While serving normally, requests pass straight through, without an await of its own.
        app.Use((context, next) => shutdown.Stopping ? StoppingAsync(context, next) : next(context));
        return app;

        static async Task StoppingAsync(HttpContext context, RequestDelegate next)
        {
            if (context.Request.Path.StartsWithSegments("/_blazor"))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            if (context.Request.Path.Equals(ReadyPath))
            {
                // The body the health checks would write.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Unhealthy");
                return;
            }

            await next(context);
        }
    }

    /// <summary>The readiness probe's path (Health/HealthEndpoints maps it).</summary>
    public const string ReadyPath = "/health/ready";
}

/// <summary>
/// Stopping in order: readiness flips to 503 at once, requests keep being served for the drain delay,
/// then Kestrel stops accepting and lets the requests in flight finish (within the host's shutdown timeout).
/// </summary>
internal sealed class GracefulShutdown(IHostApplicationLifetime lifetime, ShutdownOptions options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    private volatile bool stopping;

    public bool Stopping => stopping;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // SIGTERM fires ApplicationStopping before the host starts stopping its services.
        lifetime.ApplicationStopping.Register(() => stopping = true);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        if (options.DrainDelay > TimeSpan.Zero)
        {
            logger.LogInformation("Stopping: not ready any more; serving for {DrainDelay} before closing the listener", options.DrainDelay);
            await Task.Delay(options.DrainDelay, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
