using Microsoft.Extensions.Configuration;
using TaskBoard.Data;
using TaskBoard.Data.Email;
using TaskBoard.Data.Database;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Web.Account;
using TaskBoard.Web.Auth;
using TaskBoard.Web.Hosting;

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
        Assert.Equal(
            new Npgsql.NpgsqlConnectionStringBuilder(configuration["ConnectionStrings:Postgres"])
            {
                MaxPoolSize = DatabaseConnection.DefaultMaxPoolSize,
                MaxAutoPrepare = DatabaseConnection.DefaultMaxAutoPrepare,
                NoResetOnClose = true,
            }.ConnectionString,
            connection.ConnectionString);
        Assert.Equal("/srv/taskboard/data", connection.DataDirectory);
        Assert.True(connection.MigrateOnStartup);
    }

    [Fact]
    public void TheExampleShowsTheRealDefaultsOfEverySection()
    {
        var example = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.example.json"))
            .Build();

        AssertSameValues(new JwtSettings { Secret = "" }, example.GetSection(JwtSettings.Section).Get<JwtSettings>());
        AssertSameValues(new BrowserSignInOptions(), example.GetSection(BrowserSignInOptions.Section).Get<BrowserSignInOptions>());
        AssertSameValues(new LockoutSettings(), example.GetSection(LockoutSettings.Section).Get<LockoutSettings>());
        AssertSameValues(new SessionOptions(), example.GetSection(SessionOptions.Section).Get<SessionOptions>());
        AssertSameValues(new ShutdownOptions(), example.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>());
        AssertSameValues(new AppOptions(), example.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions());
        AssertSameValues(new AccountSettings(), example.GetSection(AccountSettings.Section).Get<AccountSettings>());
        var email = example.GetSection(EmailSettings.Section).Get<EmailSettings>();
        AssertSameValues(new EmailSettings(), email);
        AssertSameValues(new EmailSettings().Smtp, email!.Smtp);
        AssertSameValues(new TaskBoard.Web.Api.CorsSettings(), example.GetSection(TaskBoard.Web.Api.CorsSettings.Section).Get<TaskBoard.Web.Api.CorsSettings>() ?? new TaskBoard.Web.Api.CorsSettings());
        var telemetry = example.GetSection(TaskBoard.Web.Hosting.TelemetryOptions.Section).Get<TaskBoard.Web.Hosting.TelemetryOptions>()!;
        AssertSameValues(new TaskBoard.Web.Hosting.TelemetryOptions().Prometheus, telemetry.Prometheus);
        AssertSameValues(new TaskBoard.Web.Hosting.TelemetryOptions().Otlp, telemetry.Otlp);
        Assert.Equal("text", example[TaskBoard.Web.Hosting.LoggingSetup.FormatKey]);
        AssertSameValues(new DataProtectionSettings(), example.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new DataProtectionSettings());
        Assert.True(example.GetSection(AppOptions.Section).Exists() && example.GetSection(DataProtectionSettings.Section).Exists());
        var limits = example.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()!;
        AssertSameValues(new RateLimitOptions().Client, limits.Client);
        AssertSameValues(new RateLimitOptions().Auth, limits.Auth);
        AssertSameValues(new RateLimitOptions().Api, limits.Api);
    }

    private static void AssertSameValues<T>(T expected, T? actual)
    {
        Assert.NotNull(actual);
        // Nested sections (Email:Smtp) are compared on their own.
        foreach (var property in typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0
            && (p.PropertyType.IsValueType || p.PropertyType == typeof(string) || typeof(System.Collections.ICollection).IsAssignableFrom(p.PropertyType)
                || Nullable.GetUnderlyingType(p.PropertyType) is not null || p.PropertyType == typeof(Uri))))
        {
            var (wanted, shown) = (property.GetValue(expected), property.GetValue(actual));
            var same = wanted is System.Collections.ICollection list && shown is System.Collections.ICollection other
                ? list.Cast<object>().SequenceEqual(other.Cast<object>())
                : Equals(wanted, shown);
            Assert.True(same,
                $"appsettings.example.json shows {typeof(T).Name}.{property.Name} = {property.GetValue(actual)}, but the default is {property.GetValue(expected)}.");
        }
    }

    [Fact]
    public void WithNothingConfiguredTheAppUsesASqliteFileUnderData()
    {
        var connection = DatabaseConnection.FromConfiguration(new ConfigurationBuilder().Build(), "/srv/taskboard");

        Assert.Equal(DatabaseProvider.Sqlite, connection.Provider);
        Assert.Contains("/srv/taskboard/data/taskboard.db", connection.ConnectionString);
    }

    [Theory]
    [InlineData("Host=db;Database=tb", 30)]
    [InlineData("Host=db;Database=tb;Maximum Pool Size=80", 80)]
    [InlineData("Host=db;Database=tb;MaxPoolSize=9", 9)]
    public void ThePoolStaysBelowTheServersConnectionLimitUnlessTheOperatorSaysOtherwise(string configured, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseConnection.PostgresKey] = configured }).Build();

        var connection = DatabaseConnection.FromConfiguration(configuration, "/srv/taskboard");

        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString).MaxPoolSize);
    }
}
