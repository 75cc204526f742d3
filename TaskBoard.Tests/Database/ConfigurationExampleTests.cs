using Microsoft.Extensions.Configuration;
using TaskBoard.Data.Database;

namespace TaskBoard.Tests.Database;

public sealed class ConfigurationExampleTests
{
    [Fact]
    public void TheExampleSettingsFileConfiguresTheAppAsItSays()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.example.json"))
            .Build();

        var connection = DatabaseConnection.FromConfiguration(configuration, "/srv/taskboard");

        Assert.Equal(DatabaseProvider.Postgres, connection.Provider);
        Assert.Equal(configuration["ConnectionStrings:Postgres"], connection.ConnectionString);
        Assert.Equal("/srv/taskboard/data", connection.DataDirectory);
        Assert.True(connection.MigrateOnStartup);
    }

    [Fact]
    public void WithNothingConfiguredTheAppUsesASqliteFileUnderData()
    {
        var connection = DatabaseConnection.FromConfiguration(new ConfigurationBuilder().Build(), "/srv/taskboard");

        Assert.Equal(DatabaseProvider.Sqlite, connection.Provider);
        Assert.Contains("/srv/taskboard/data/taskboard.db", connection.ConnectionString);
    }
}
