using TaskBoard.Data.Database;

namespace TaskBoard.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Handles <c>migrate</c> (apply migrations, then exit) and migrates at startup when
    /// <c>Database:MigrateOnStartup</c> is true. Returns false when the process should stop here.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, string[] args)
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        if (args is ["migrate", ..])
        {
            await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
            app.Logger.LogInformation("The database is up to date");
            return false;
        }

        if (app.Services.GetRequiredService<DatabaseConnection>().MigrateOnStartup)
        {
            await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        return true;
    }
}
