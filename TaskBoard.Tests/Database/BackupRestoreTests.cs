using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Database;

/// <summary>
/// docs/operations.md's backup and restore, done as written: pg_dump of a populated database,
/// pg_restore into a new one, the app started on it with the same secrets. Everything is there, and
/// a browser cookie and an API token from before the backup still work.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("tb-backup-").FullName;
    private readonly string secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
    private (string Name, string ConnectionString) original;
    private (string Name, string ConnectionString) restored;

    public async Task InitializeAsync()
    {
        original = await PostgresServer.CreateDatabaseAsync();
        restored = await PostgresServer.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await PostgresServer.DropDatabaseAsync(original.Name);
        await PostgresServer.DropDatabaseAsync(restored.Name);
        Directory.Delete(folder, recursive: true);
    }

    private Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__Postgres"] = connectionString,
        ["Auth__Jwt__Secret"] = secret,
        ["HOME"] = folder,
    };

    /// <summary>pg_dump and pg_restore take the server's address and credentials from the usual PG* variables.</summary>
    private static Dictionary<string, string> PostgresVariables(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new Dictionary<string, string>
        {
            ["PGHOST"] = builder.Host!,
            ["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = builder.Username!,
            ["PGPASSWORD"] = builder.Password!,
        };
    }

    [Fact]
    public async Task ARestoredBackupHasEveryTaskAndKeepsCookiesAndTokensValid()
    {
        string token;
        string cookie;
        var titles = Enumerable.Range(1, 25).Select(i => $"Backed up {i}").ToList();
        await using (var app = await AppProcess.StartAsync(Environment(original.ConnectionString)))
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
            var email = $"backup-{Guid.NewGuid():N}@example.test";
            var signUp = await BrowserForms.SignUpAsync(browser, new Uri(app.BaseAddress, "/signup"), email, "a backed up passphrase");
            Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
            cookie = string.Join("; ", signUp.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

            using var api = new HttpClient { BaseAddress = app.BaseAddress };
            var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "a backed up passphrase" });
            token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            foreach (var title in titles)
            {
                Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/tasks", new { title })).StatusCode);
            }
        }

        // The commands of docs/operations.md.
        var dump = Path.Combine(folder, "taskboard.dump");
        var (dumped, dumpOutput) = await Command.RunAsync("pg_dump", ["--format=custom", "--no-owner", "--file", dump, original.Name], folder, PostgresVariables(original.ConnectionString));
        Assert.True(dumped == 0, dumpOutput);
        var (restoredCode, restoreOutput) = await Command.RunAsync("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", restored.Name, dump], folder, PostgresVariables(restored.ConnectionString));
        Assert.True(restoredCode == 0, restoreOutput);

        await using var restoredApp = await AppProcess.StartAsync(Environment(restored.ConnectionString));
        using var client = new HttpClient { BaseAddress = restoredApp.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/tasks?limit=200&sort=title");
        Assert.Equal(titles.Order(StringComparer.Ordinal), page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()!));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        using var browserAgain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = restoredApp.BaseAddress };
        var board = await browserAgain.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode); // not sent to sign in: the cookie's keys came back with the database
        Assert.Equal(HttpStatusCode.Redirect, (await browserAgain.GetAsync("/")).StatusCode); // as a stranger is
    }
}
