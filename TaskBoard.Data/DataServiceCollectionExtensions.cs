using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the database chosen by configuration and the domain services over it.</summary>
    public static IServiceCollection AddTaskBoardData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connection = DatabaseConnection.FromConfiguration(configuration, contentRoot);
        services.AddSingleton(connection);

        services.AddSingleton<InstanceIdentity>();
        switch (connection.Provider)
        {
            case DatabaseProvider.Postgres:
                // One connection pool for everything (queries and notifications), so the app never holds more than its maximum.
                services.AddSingleton(_ => NpgsqlDataSource.Create(connection.ConnectionString));
                services.AddPooledDbContextFactory<PostgresDbContext>((sp, o) => o.UsePostgres(sp.GetRequiredService<NpgsqlDataSource>()));
                services.AddSingleton<IDbContextFactory<TaskBoardDbContext>, TaskBoardDbContextFactory<PostgresDbContext>>();
                // Instances sharing the database tell each other about changes with LISTEN/NOTIFY.
                services.AddSingleton<IChangeNotifier, PostgresChangeNotifier>();
                services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresChangeListener>(sp, connection.ConnectionString));
                services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
                break;
            default:
                services.AddPooledDbContextFactory<SqliteDbContext>(o => o.UseSqliteFile(connection.ConnectionString));
                services.AddSingleton<IDbContextFactory<TaskBoardDbContext>, TaskBoardDbContextFactory<SqliteDbContext>>();
                services.AddSingleton<IChangeNotifier, NoOtherInstances>();
                break;
        }

        // Request-scoped context for framework stores (Identity, data protection); our own services use the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TaskBoardDbContext>>().CreateDbContext());

        services.AddSettings<AppOptions>(configuration, AppOptions.Section, o => AppOptions.IsValid(o.PublicUrl)
            ? []
            : [$"{AppOptions.PublicUrlKey} must be an absolute http or https address without a path, such as https://tasks.example.com."]);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<TaskChangeFeed>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<CommentService>();
        services.AddSingleton<ActivityService>();
        services.AddSingleton<Boards.BoardService>();
        services.AddSingleton<Sharing.MemberService>();
        services.AddSingleton<Sharing.InvitationService>();
        services.AddSingleton<Email.EmailOutbox>();
        return services;
    }
}
