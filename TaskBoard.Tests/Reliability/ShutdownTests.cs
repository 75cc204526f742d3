using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TaskBoard.Tests.Reliability;

/// <summary>
/// SIGTERM to a real process under load: readiness flips to 503 first, the app keeps serving the load
/// for the drain delay, and a request still in flight when the listener closes is finished, not cut off.
/// </summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private string? databaseName;
    private string connectionString = "";

    public async Task InitializeAsync() => (databaseName, connectionString) = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (databaseName is not null)
        {
            await PostgresServer.DropDatabaseAsync(databaseName);
        }
    }

    /// <summary>A JSON body sent in two halves, the second only when <see cref="Release"/> is called.</summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] bytes;
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBackContent(string json)
        {
            bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource FirstHalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = bytes.Length / 2;
            await stream.WriteAsync(bytes.AsMemory(0, half));
            await stream.FlushAsync();
            FirstHalfSent.TrySetResult();
            await release.Task;
            await stream.WriteAsync(bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }

    [Fact]
    public async Task SigtermFlipsReadinessFirstKeepsServingThenFinishesTheRequestsInFlight()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Shutdown__DrainDelay"] = "00:00:03",
        });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var signUp = await client.PostAsJsonAsync("/api/auth/sign-up",
            new { email = $"sigterm-{Guid.NewGuid():N}@example.test", password = $"pw-{Guid.NewGuid():N}", name = "Sigterm" });
        Assert.True(signUp.IsSuccessStatusCode, await signUp.Content.ReadAsStringAsync());
        var token = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // In flight: the headers and half the body are in when SIGTERM arrives.
        using var held = new HeldBackContent("""{"title":"Written during shutdown"}""");
        using var slowClient = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        slowClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var slow = slowClient.PostAsync("/api/tasks", held);
        await held.FirstHalfSent.Task;

        // Load, as from clients behind a load balancer, until readiness says to stop sending.
        using var balancerSaysStop = new CancellationTokenSource();
        var loadAnswers = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!balancerSaysStop.IsCancellationRequested)
            {
                using var answer = await client.PostAsJsonAsync("/api/tasks", new { title = "Load during shutdown" });
                loadAnswers.Add(answer.StatusCode);
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var exit = app.TerminateAsync(TimeSpan.FromSeconds(30));

        // Readiness goes first, while the app still serves (a load balancer now drains it).
        using var probe = new HttpClient { BaseAddress = app.BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while ((await probe.GetAsync("/health/ready")).StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(DateTime.UtcNow < deadline, "/health/ready did not answer 503 after SIGTERM.");
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
        await balancerSaysStop.CancelAsync();
        await Task.WhenAll(load);
        Assert.NotEmpty(loadAnswers);
        Assert.All(loadAnswers, status => Assert.Equal(HttpStatusCode.Created, status));

        // Once the drain delay is over the listener closes; the request in flight is still answered.
        while (await AcceptsConnectionsAsync(app.BaseAddress))
        {
            Assert.False(exit.IsCompleted, "The app exited before the request in flight finished.");
            await Task.Delay(100);
        }

        held.Release();
        using var response = await slow;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, await exit);
        Assert.Contains("Stopping: not ready any more", app.Output, StringComparison.Ordinal);

        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM task WHERE title = 'Written during shutdown'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        await using var loadCount = new Npgsql.NpgsqlCommand("SELECT count(*) FROM task WHERE title = 'Load during shutdown'", connection);
        Assert.Equal((long)loadAnswers.Count, await loadCount.ExecuteScalarAsync());
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri address)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync(address.Host, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
