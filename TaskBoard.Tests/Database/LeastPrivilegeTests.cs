using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Database;

/// <summary>
/// deploy/postgres-roles.sql as an operator runs it: migrations as the owning role, the app as a role
/// with data rights only. The app works in full, and its role cannot change the schema.
/// </summary>
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private readonly string suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly string home = Directory.CreateTempSubdirectory("tb-home-roles-").FullName;
    private readonly string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private string Owner => $"tb_owner_{suffix}";

    private string App => $"tb_app_{suffix}";

    private string DatabaseName => $"tb_test_roles_{suffix}";

    private string ConnectionString(string role) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Username = role, Password = password, Database = DatabaseName }.ConnectionString;

    /// <summary>Runs each statement on its own, as psql does (CREATE DATABASE cannot share a batch).</summary>
    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var code = string.Join("\n", sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        foreach (var statement in code.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task InitializeAsync()
    {
        var script = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "postgres-roles.sql")))
            .Replace("taskboard_owner", Owner, StringComparison.Ordinal)
            .Replace("taskboard_app", App, StringComparison.Ordinal)
            .Replace("DATABASE taskboard", $"DATABASE {DatabaseName}", StringComparison.Ordinal);
        var parts = script.Split($"\\connect taskboard", StringSplitOptions.TrimEntries);
        Assert.Equal(2, parts.Length);

        // The first part as the test server's administrator, which is not a superuser: to make a database
        // owned by another role it must be a member of that role. The second part in the new database, as its owner.
        // (A member of both roles, it can also end their sessions when it drops the database afterwards.)
        await ExecuteAsync(PostgresServer.AdminConnectionString, parts[0].Replace(
            $"CREATE DATABASE {DatabaseName}", $"GRANT {Owner} TO CURRENT_USER; GRANT {App} TO CURRENT_USER; CREATE DATABASE {DatabaseName}", StringComparison.Ordinal));
        await ExecuteAsync(PostgresServer.AdminConnectionString, $"ALTER ROLE {Owner} PASSWORD '{password}'; ALTER ROLE {App} PASSWORD '{password}'");
        await ExecuteAsync(ConnectionString(Owner), parts[1]);
    }

    public async Task DisposeAsync()
    {
        await PostgresServer.DropDatabaseAsync(DatabaseName);
        await ExecuteAsync(PostgresServer.AdminConnectionString, $"DROP ROLE IF EXISTS {App}; DROP ROLE IF EXISTS {Owner}");
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task MigratedByTheOwnerTheAppRunsAsARoleThatCanOnlyReadAndWriteData()
    {
        var (migrated, output) = await AppProcess.RunToExitAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = ConnectionString(Owner), ["HOME"] = home }, "migrate");
        Assert.True(migrated == 0, output);

        await using (var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString(App),
            ["Database__MigrateOnStartup"] = "false",
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["HOME"] = home,
        }))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            var email = $"roles-{suffix}@example.test";
            var signUp = await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password = "a least privilege passphrase", name = "Roles" });
            Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            var created = await client.PostAsJsonAsync("/api/tasks", new { title = "Least privilege", tags = new[] { "ops" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var board = await DefaultBoard.ReadAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/tasks/{id}/move", new { columnId = board.Done })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tasks/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.DoesNotContain(" ERR]", app.Output);
        }

        foreach (var change in new[] { "CREATE TABLE intruder (id int)", "DROP TABLE task", "ALTER TABLE task ADD COLUMN x int", "TRUNCATE task" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(ConnectionString(App), change));
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{change}: {refused.SqlState} {refused.MessageText}");
        }
    }
}
