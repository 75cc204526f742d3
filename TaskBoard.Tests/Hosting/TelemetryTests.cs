using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Hosting;

/// <summary>Metrics for Prometheus and JSON logs, on the app as a real process.</summary>
public sealed partial class TelemetryTests : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();
    private readonly string home = Directory.CreateTempSubdirectory("tb-home-telemetry-").FullName;

    public Task InitializeAsync() => database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(home, recursive: true);
    }

    private Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["HOME"] = home,
        };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        return variables;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string scrape, string name, string label = "") =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task AScrapeAfterAFewRequestsShowsTheFrameworkAndTaskBoardMetrics()
    {
        await using var app = await AppProcess.StartAsync(Environment());
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var email = $"metrics-{Guid.NewGuid():N}@example.test";
        var signUp = await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password = "a metrics passphrase", name = "Metrics" });
        var token = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "not the passphrase" });
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "a metrics passphrase" });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await client.PostAsJsonAsync("/api/tasks", new { title = $"Measured {i}" });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var board = await DefaultBoard.ReadAsync(client);
        await client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { columnId = board.Done });
        await client.PostAsJsonAsync("/api/tokens", new { name = "metrics", expiresInDays = 3 });

        var response = await client.GetAsync("/metrics");
        var scrape = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Sum(scrape, "taskboard_sign_ins_total", "result=\"succeeded\""));
        Assert.Equal(1, Sum(scrape, "taskboard_sign_ins_total", "result=\"failed\""));
        Assert.Equal(3, Sum(scrape, "taskboard_tasks_created_total"));
        Assert.Equal(1, Sum(scrape, "taskboard_tasks_moved_total"));
        Assert.Equal(1, Sum(scrape, "taskboard_tokens_issued_total"));
        Assert.True(Sum(scrape, "http_server_request_duration_seconds_count", "http_route=\"/api/tasks/\"") >= 3, scrape);
        Assert.True(Sum(scrape, "kestrel_active_connections") >= 1);
        Assert.True(Sum(scrape, "dotnet_gc_heap_total_allocated_bytes_total") > 0);
        Assert.True(Sum(scrape, "db_client_operation_duration_seconds_count") > 0, "no Npgsql metrics");
        Assert.Contains("taskboard_outbox_backlog", scrape);
    }

    [Fact]
    public async Task WithAnOtlpEndpointRequestsDatabaseCommandsAndOutgoingMailAreTraced()
    {
        var port = LoopbackPort.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<byte[]>();
        var collecting = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return; // stopped
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url!.AbsolutePath == "/v1/traces")
                {
                    lock (received)
                    {
                        received.Add(body.ToArray());
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        await using var smtp = new SmtpCapture();
        await smtp.StartAsync();
        await using var app = await AppProcess.StartAsync(Environment(
            ("Telemetry__Otlp__Endpoint", $"http://127.0.0.1:{port}"),
            ("Telemetry__Otlp__Protocol", "http/protobuf"),
            ("Email__Smtp__Host", "127.0.0.1"),
            ("Email__Smtp__Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Email__Smtp__Security", "None"),
            ("App__PublicUrl", "https://localhost")));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var email = $"traced-{Guid.NewGuid():N}@example.test";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password = "a traced passphrase", name = "Traced" })).StatusCode);
        await smtp.WaitForAsync(email);

        Assert.Equal(0, await app.TerminateAsync(TimeSpan.FromSeconds(30))); // flushes what is still batched
        collector.Stop();
        await collecting;

        // OTLP is protobuf, whose strings travel as plain UTF-8: the spans' names and attributes can be found as text.
        var traces = string.Join("\n", received.Select(System.Text.Encoding.Latin1.GetString));
        Assert.Contains("POST /api/auth/sign-up", traces);
        Assert.Contains("postgresql", traces);
        Assert.Contains("MailKit.Net.SmtpClient", traces);
    }

    [Fact]
    public async Task AClientOutsideTheAllowedNetworksGets403()
    {
        await using var app = await AppProcess.StartAsync(Environment(("Telemetry__Prometheus__AllowedNetworks__0", "10.0.0.0/8")));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("dotnet_gc", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnparseableNetworkStopsStartupNamingTheKey()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment(("Telemetry__Prometheus__AllowedNetworks__0", "the office")));

        Assert.Equal(1, exitCode);
        Assert.Contains("Telemetry:Prometheus:AllowedNetworks contains 'the office'", output);
    }

    [Fact]
    public async Task JsonLogsAreOneObjectPerLineWithTraceIds()
    {
        await using var app = await AppProcess.StartAsync(Environment(("Logging__Format", "json"), ("Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware", "Debug")));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        await app.TerminateAsync(TimeSpan.FromSeconds(30));

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _) && e.TryGetProperty("@mt", out _)));
        var request = events.Single(e => e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/api/tasks");
        Assert.Matches("^[0-9a-f]{32}$", request.GetProperty("@tr").GetString());
        Assert.Matches("^[0-9a-f]{16}$", request.GetProperty("@sp").GetString());
    }

    [Fact]
    public async Task AnUnknownLogFormatStopsStartupNamingTheKey()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment(("Logging__Format", "xml")));

        Assert.Equal(1, exitCode);
        Assert.Contains("Logging:Format is 'xml'; it must be text or json.", output);
    }
}
