using TaskBoard.Data.Database;

namespace TaskBoard.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary><c>migrate</c>: apply pending migrations and exit, without starting the server.</summary>
    public static bool IsMigrateCommand(string[] args) => args is ["migrate", ..];

    /// <summary>Runs the <c>migrate</c> command on a host that has only logging and the database, so it needs no other settings.</summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplicationBuilder builder)
    {
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        app.Logger.LogInformation("The database is up to date");
        return 0;
    }

    /// <summary>Applies pending migrations when <c>Database:MigrateOnStartup</c> is true (the default).</summary>
    public static async Task MigrateOnStartupAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseConnection>().MigrateOnStartup)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
