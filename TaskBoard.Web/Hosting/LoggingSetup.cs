using Serilog;

namespace TaskBoard.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog from the <c>Serilog</c> configuration section, writing to the console.</summary>
    public static WebApplicationBuilder AddTaskBoardLogging(this WebApplicationBuilder builder)
    {
        // One logger per host (not the static one), so several hosts can share a process in tests.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }
}
