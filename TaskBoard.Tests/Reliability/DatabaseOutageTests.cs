using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Reliability;

/// <summary>
/// The app's PostgreSQL server is stopped and started again under a write load: the API says 503
/// quickly while it is down, recovers without a restart, and idempotent retries store every
/// acknowledged task exactly once.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private PostgresInstance? postgres;
    private TaskBoardFactory? factory;

    private PostgresInstance Postgres => postgres!;

    private TaskBoardFactory Factory => factory!;

    public async Task InitializeAsync()
    {
        postgres = await PostgresInstance.CreateAsync();
        factory = new TaskBoardFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Postgres.ConnectionString,
            ["Auth:Jwt:Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["RateLimits:Client:PermitLimit"] = "1000000",
            ["RateLimits:Api:PermitLimit"] = "100000",
            // Every request checks its session row, so the outage reaches authentication too.
            ["Auth:Sessions:CheckCacheDuration"] = "00:00:00",
        });
        _ = factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        using var anonymous = Factory.ApiClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/sign-up",
            new { email = $"outage-{Guid.NewGuid():N}@example.test", password = $"pw-{Guid.NewGuid():N}", name = "Outage" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = Factory.ApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates one task, retrying with the same Idempotency-Key until it is acknowledged.</summary>
    private static async Task<string> CreateUntilAcknowledgedAsync(HttpClient client, string title, ConcurrentBag<string> refusals)
    {
        var key = Guid.NewGuid().ToString();
        var trying = Stopwatch.StartNew();
        while (true)
        {
            Assert.True(trying.Elapsed < TimeSpan.FromSeconds(60), $"'{title}' was never acknowledged.");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(new { title }) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            }

            var code = await Problems.CodeAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && code == "service_unavailable",
                $"{(int)response.StatusCode} {code}: {await response.Content.ReadAsStringAsync()}");
            Assert.NotNull(response.Headers.RetryAfter);
            refusals.Add(code!);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AWriteLoadSurvivesARestartOfPostgresWithEveryAcknowledgedTaskStoredOnce()
    {
        using var client = await SignedInClientAsync();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var refusals = new ConcurrentBag<string>();
        using var enough = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            // A logical task is finished (acknowledged) before the next starts, even after the load is told to stop.
            for (var i = 0; !enough.IsCancellationRequested; i++)
            {
                var title = $"worker {worker} task {i}";
                acknowledged[title] = await CreateUntilAcknowledgedAsync(client, title, refusals);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        await Postgres.StopAsync();

        using (var probe = Factory.ApiClient())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);
        }

        var clock = Stopwatch.StartNew();
        using var list = await client.GetAsync("/api/tasks");
        clock.Stop();
        var body = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
        Assert.Equal("service_unavailable", await Problems.CodeAsync(list));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The API took {clock.Elapsed} to say the database is down.");
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(2));
        await Postgres.StartAsync();
        await WaitUntilReadyAsync();
        var before = acknowledged.Count;
        var recovering = Stopwatch.StartNew();
        while (acknowledged.Count < before + 20)
        {
            Assert.True(recovering.Elapsed < TimeSpan.FromSeconds(30), "Writes did not resume after PostgreSQL came back.");
            await Task.Delay(50);
        }

        await enough.CancelAsync();
        await Task.WhenAll(workers);

        Assert.NotEmpty(refusals);
        var stored = (await TaskPages.AllAsync(client))
            .Select(t => (Id: t.GetProperty("id").GetString()!, Title: t.GetProperty("title").GetString()!)).ToList();
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.Equal(acknowledged.Values.Order(), stored.Select(t => t.Id).Order());
        Assert.Equal(acknowledged.Keys.Order(), stored.Select(t => t.Title).Order());
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = Factory.ApiClient();
        var deadline = Stopwatch.StartNew();
        while ((await probe.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "The app did not become ready again after PostgreSQL came back.");
            await Task.Delay(200);
        }
    }
}
