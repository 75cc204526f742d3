using Serilog;
using TaskBoard.Data;
using TaskBoard.Data.Email;
using TaskBoard.Web.Admin;
using TaskBoard.Web.Api;
using TaskBoard.Web.Auth;
using TaskBoard.Web.Boards;
using TaskBoard.Web.Health;
using TaskBoard.Web.Hosting;
using TaskBoard.Web.Sharing;
using TaskBoard.Web.Shell;
using TaskBoard.Web.Tasks;

// Until the host's own logger exists, startup failures (such as a bad configuration key) go here.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    if (AdminCommand.IsHelp(args))
    {
        AdminCommand.WriteAppHelp(Console.Out);
        return 0;
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.AddTaskBoardLogging();
    builder.Services.AddTaskBoardData(builder.Configuration, builder.Environment.ContentRootPath);
    if (DatabaseStartup.IsMigrateCommand(args))
    {
        return await builder.MigrateAndExitAsync();
    }

    builder.Services.AddTaskBoardEmail(builder.Configuration);
    if (AdminCommand.IsAdminCommand(args))
    {
        return await AdminCommand.RunAsync(builder, args, Console.In, Console.Out, Console.Error);
    }

    builder.AddTaskBoardShutdown();
    builder.AddTaskBoardProxy();
    builder.AddTaskBoardSecurityHeaders();
    builder.AddTaskBoardAuth();
    builder.AddTaskBoardApi();
    builder.Services.AddTaskBoardOpenApi(builder.Configuration);
    builder.Services.AddTaskBoardHealthChecks();
    builder.AddTaskBoardTelemetry();
    builder.AddTaskBoardUi();
    builder.Services.AddTaskBoardAdmin();

    var app = builder.Build();
    await app.MigrateOnStartupAsync();

    app.UseForwardedHeaders();
    app.UseTaskBoardRedirects();
    app.UseTaskBoardShutdown();
    app.UseTaskBoardSecurityHeaders();
    app.UseTaskBoardApiErrors();
    app.UseTaskBoardApiRequests();
    app.UseRouting();
    app.UseTaskBoardRequestLogging();
    app.UseTaskBoardAuth();
    app.UseTaskBoardAdminGate();
    app.UseTaskBoardAuthorization();
    app.UseAntiforgery();

    app.MapTaskBoardHealth();
    app.MapTaskBoardMetrics();
    app.MapAuthApi();
    app.MapRecoveryApi();
    app.MapTwoFactorApi();
    app.MapSessionApi();
    app.MapTaskApi();
    app.MapBoardApi();
    app.MapTaskDiscussionApi();
    app.MapSharingApi();
    app.MapTaskBoardOpenApi();
    app.MapTaskBoardUi();

    await app.RunAsync();
    return 0;
}
catch (InvalidConfigurationException e)
{
    Log.Fatal("TaskBoard cannot start: {Problem}", e.Message);
    return 1;
}
catch (Exception e) when (TaskBoard.Data.Database.DatabaseOutage.DescribeRefusal(e, "ConnectionStrings:Postgres") is { } refusal)
{
    Log.Fatal("TaskBoard cannot start: {Problem}", refusal);
    return 1;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "TaskBoard stopped: {Reason}", e.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
