using MudBlazor.Services;
using TaskBoard.Web.Account;
using TaskBoard.Web.Components;

namespace TaskBoard.Web.Shell;

public static class ShellSetup
{
    /// <summary>The browser app: Blazor (interactive server, account forms static) and MudBlazor.</summary>
    public static WebApplicationBuilder AddTaskBoardUi(this WebApplicationBuilder builder)
    {
        // Serve framework and package assets (blazor.web.js, MudBlazor) when running from the build output
        // in any environment, not only Development; in a published app there is no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // A board's first cards travel from the prerendered page into the circuit (so it does not start blank):
        // room for a few hundred cards in the message that starts it.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 256 * 1024);
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapTaskBoardUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapPasskeyEndpoints();
        // The app's own Content-Security-Policy (SecurityHeaders) already forbids framing; no second header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
