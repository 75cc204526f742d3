using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data;
using TaskBoard.Data.Database;
using TaskBoard.Data.Users;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>
/// A freshly migrated database of one provider, wired exactly as the app wires it
/// (<see cref="DataServiceCollectionExtensions.AddTaskBoardData"/>), shared by one test class.
/// Every test arranges its own users, so tests never see each other's rows.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? services;

    public abstract DatabaseProvider Provider { get; }

    public IDbContextFactory<TaskBoardDbContext> Factory => Services.GetRequiredService<IDbContextFactory<TaskBoardDbContext>>();

    public IServiceProvider Services => services ?? throw new InvalidOperationException("The database is not initialised yet.");

    /// <summary>Configuration keys for this provider, as an operator would set them.</summary>
    protected abstract Task<Dictionary<string, string?>> ConfigureAsync();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(await ConfigureAsync()).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddTaskBoardData(configuration, AppContext.BaseDirectory)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    public async Task<Guid> CreateUserAsync(string? name = null)
    {
        var id = Guid.CreateVersion7();
        var email = $"{id:N}@example.test";
        await using var db = await Factory.CreateDbContextAsync();
        db.Users.Add(new AppUser
        {
            Id = id,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name ?? "Test user",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }
}

public sealed class PostgresDatabase : TestDatabase
{
    private string? name;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ConnectionString { get; private set; } = "";

    protected override async Task<Dictionary<string, string?>> ConfigureAsync()
    {
        (name, ConnectionString) = await PostgresServer.CreateDatabaseAsync();
        return new() { [DatabaseConnection.PostgresKey] = ConnectionString };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (name is not null)
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }
}

public sealed class SqliteDatabase : TestDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>Not created beforehand: the migrator must create it, as on a first run.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"taskboard-test-{Guid.NewGuid():N}");

    protected override Task<Dictionary<string, string?>> ConfigureAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Database:DataDirectory"] = DataDirectory });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
