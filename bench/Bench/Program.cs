// The API and board benchmark. Usage: bench/run.sh [--smoke]
//   full:  10 000 users, 1 000 000 tasks (+ one user with a 5 000-card board of 20 columns); every scenario at 1, 16
//          and 64 connections for 10 s, TaskBoard and the raw-Npgsql baseline alternating.
//   smoke: a few seconds on small data, so the test command keeps the benchmark working.
// To look at a part: --scenarios list,get --connections 16 --seconds 5 --no-board.
// To see where TaskBoard's time goes: --profile (perf, else dotnet-trace, samples each of its runs; reports in bench/results/profile-*.txt).
// Needs TASKBOARD_TEST_POSTGRES (a role that may create databases), wrk and Chromium: run.sh sets them up.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using TaskBoard.Bench;
using TaskBoard.Testing;

var smoke = args.Contains("--smoke");
var size = smoke ? new DataSize(Users: 50, Tasks: 2_000, BoardTasks: 300) : new DataSize(Users: 10_000, Tasks: 1_000_000, BoardTasks: 5_000);
int[] connectionCounts = Option("--connections")?.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() ?? (smoke ? [1, 4] : [1, 16, 64]);
var duration = TimeSpan.FromSeconds(Option("--seconds") is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : smoke ? 1 : 10);
var signedInUsers = smoke ? 5 : 200;
var scenarios = Option("--scenarios")?.Split(',') ?? ["list", "get", "create", "patch", "move", "mixed"];
var measureBoard = !args.Contains("--no-board");
var profile = args.Contains("--profile");
var script = Path.Combine(RepositoryRoot.Path, "bench", "wrk", "scenario.lua");
var output = Path.Combine(RepositoryRoot.Path, "bench", "results");
Directory.CreateDirectory(output);

var (database, createdConnectionString) = await PostgresServer.CreateDatabaseAsync();

// The database is on this machine: both apps talk to it without TLS, as a same-host deployment would
// (with TLS, encrypting every round trip on loopback costs more CPU than most of what is measured).
var connectionString = new NpgsqlConnectionStringBuilder(createdConnectionString) { SslMode = SslMode.Disable }.ConnectionString;
var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
var settings = new Dictionary<string, string>
{
    ["ConnectionStrings__Postgres"] = connectionString,
    ["Auth__Jwt__Secret"] = secret,
    // The benchmark measures throughput, not the per-user and per-address limits.
    ["RateLimits__Client__PermitLimit"] = "100000000",
    ["RateLimits__Api__PermitLimit"] = "100000000",
    ["RateLimits__Auth__PermitLimit"] = "100000",
};
if (profile)
{
    Profiler.Prepare(settings);
}

var clock = Stopwatch.StartNew();
void Say(string message) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");
try
{
    // Bulk loading a million tasks (and checking their foreign keys) takes longer than Npgsql's default 30 s per command.
    await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 600 }.ConnectionString);
    await using var taskBoard = await AppProcess.StartAsync(settings);
    using var http = new HttpClient { BaseAddress = taskBoard.BaseAddress };

    // One real sign-up gives the password hash every seeded user shares.
    var template = await http.PostAsJsonAsync("/api/auth/sign-up", new { email = "template@example.test", password = Seeder.Password, name = "Template" });
    template.EnsureSuccessStatusCode();
    await using (var hash = dataSource.CreateCommand("SELECT password_hash FROM users WHERE email = 'template@example.test'"))
    {
        var passwordHash = (string)(await hash.ExecuteScalarAsync())!;
        Say($"Seeding {size.Users:N0} users and {size.Tasks + size.BoardTasks:N0} tasks");
        await Seeder.SeedAsync(dataSource, size, passwordHash, DateTime.UtcNow);
        Say("Seeded");
    }

    // Real tokens, from real sign-ins, for users picked across the whole spread.
    var usersFile = Path.Combine(output, "users.txt");
    var lines = new List<string>();
    for (var i = 0; i < signedInUsers; i++)
    {
        var index = 1 + (int)((long)i * (size.Users - 1) / signedInUsers);
        var signIn = await http.PostAsJsonAsync("/api/auth/sign-in", new { email = Seeder.Email(index), password = Seeder.Password });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var columnIds = await IdsAsync(
            "SELECT c.id FROM board_column c JOIN board b ON b.id = c.board_id JOIN users u ON u.id = b.owner_id WHERE u.email = $1 ORDER BY c.position", Seeder.Email(index));
        var taskIds = await IdsAsync("SELECT t.id FROM task t JOIN users u ON u.id = t.created_by WHERE u.email = $1 ORDER BY t.id LIMIT 50", Seeder.Email(index));
        lines.Add($"{token} {string.Join(',', columnIds)} {string.Join(' ', taskIds)}");
    }

    await File.WriteAllLinesAsync(usersFile, lines);

    async Task<List<string>> IdsAsync(string sql, string email)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetGuid(0).ToString());
        }

        return found;
    }
    Say($"Signed in {signedInUsers} users");

    // The baseline gets the connection settings TaskBoard uses by default, so only the code differs.
    var baselineConnection = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 50, NoResetOnClose = true, MaxPoolSize = 30 }.ConnectionString;
    await using var baseline = await BaselineProcess.StartAsync(baselineConnection, secret);
    var targets = new (string Name, Uri Address)[] { ("TaskBoard", taskBoard.BaseAddress), ("Baseline", baseline.BaseAddress) };
    var results = new Dictionary<(string Scenario, int Connections, string Target), LoadResult>();
    long peakMixedKb = 0;

    // Warm both up (JIT, connection pools, caches) before anything is measured.
    foreach (var (_, address) in targets)
    {
        await LoadGenerator.RunAsync(address, "mixed", 16, TimeSpan.FromSeconds(smoke ? 1 : 5), usersFile, script);
    }

    var round = 0;
    foreach (var scenario in scenarios)
    {
        foreach (var connections in connectionCounts)
        {
            // Alternate who goes first, so drift in the machine's load hits both alike.
            var order = round++ % 2 == 0 ? targets : [.. targets.Reverse()];
            foreach (var (name, address) in order)
            {
                // Sampled for all but the first and last second of the run, so the trace sees steady load only.
                var profiling = profile && name == "TaskBoard" && duration > TimeSpan.FromSeconds(3)
                    ? Profiler.ProfileAsync(taskBoard.ProcessId, $"{scenario}-c{connections}", duration - TimeSpan.FromSeconds(2), output)
                    : null;
                var result = await LoadGenerator.RunAsync(address, scenario, connections, duration, usersFile, script);
                if (profiling is not null)
                {
                    Say($"Profile: {Path.GetRelativePath(RepositoryRoot.Path, await profiling)}");
                }

                results[(scenario, connections, name)] = result;
                Say($"{scenario,-7} c={connections,-3} {name,-9} {result.Throughput,9:F0} req/s  p50 {result.P50,7:F2} ms  p99 {result.P99,7:F2} ms" +
                    (result.BadStatuses + result.SocketErrors > 0 ? $"  ({result.BadStatuses} non-2xx, {result.SocketErrors} socket errors)" : ""));
            }

            if (scenario == "mixed")
            {
                peakMixedKb = Math.Max(peakMixedKb, ProcessMemory.PeakKb(taskBoard.ProcessId));
            }
        }
    }

    BoardResult? board = null;
    if (measureBoard)
    {
        Say($"Measuring the board of a user with {size.BoardTasks:N0} tasks in Chromium");
        board = await BoardScale.MeasureAsync(taskBoard.BaseAddress, Seeder.Email(0), Seeder.Password, smoke ? 1 : 5);
    }

    var report = Report.Markdown(size, connectionCounts, duration, signedInUsers, scenarios, results, peakMixedKb, board);
    var file = Path.Combine(output, smoke ? "smoke.md" : $"{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
    await File.WriteAllTextAsync(file, report);
    Console.WriteLine();
    Console.WriteLine(report);
    Say($"Report written to {Path.GetRelativePath(RepositoryRoot.Path, file)}");

    var failures = results.Where(r => r.Value.BadStatuses + r.Value.SocketErrors > 0 || r.Value.Requests == 0).ToList();
    if (failures.Count > 0)
    {
        Console.Error.WriteLine($"bench: {failures.Count} runs had errors: " +
            string.Join(", ", failures.Select(f => $"{f.Key.Target} {f.Key.Scenario} c={f.Key.Connections}")));
        return 1;
    }

    return 0;
}
finally
{
    await PostgresServer.DropDatabaseAsync(database);
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
