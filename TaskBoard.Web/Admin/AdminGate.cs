using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;
using TaskBoard.Web.Account;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Admin;

/// <summary>
/// Who may use the admin page: an enabled account with the admin flag, read from the database on
/// every check (the flag is granted and revoked from the command line, and counts at once). Anyone
/// else gets 404 for <c>/admin</c>, exactly as for a page that does not exist.
/// </summary>
public sealed class AdminGate(IDbContextFactory<TaskBoardDbContext> contextFactory)
{
    public const string Path = "/admin";

    public async Task<bool> IsAdminAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin && u.DisabledAt == null, cancellationToken);
    }
}

public static class AdminSetup
{
    public static IServiceCollection AddTaskBoardAdmin(this IServiceCollection services) => services.AddSingleton<AdminGate>();

    /// <summary>
    /// After authentication and before authorization (which would send a signed-out visitor to the
    /// sign-in page, telling them the page exists): <c>/admin</c> answers 404 to everyone but administrators.
    /// </summary>
    public static WebApplication UseTaskBoardAdminGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<AdminGate>();
        // Every other request passes straight through, without an await of its own.
        app.Use((http, next) => http.Request.Path.StartsWithSegments(AdminGate.Path) ? GateAsync(http, next) : next(http));
        return app;

        async Task GateAsync(HttpContext http, RequestDelegate next)
        {
            if (BrowserAuth.SessionOf(http.User) is not { } session || !await gate.IsAdminAsync(session.UserId, http.RequestAborted))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await ErrorPage.WriteAsync(http, ErrorCodes.NotFound, refresh: false);
                return;
            }

            await next(http);
        }
    }
}
