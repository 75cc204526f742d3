using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

/// <summary><c>Idempotency-Key</c> on <c>POST /api/tasks</c>: a retried create never makes a second task.</summary>
public sealed class IdempotencyTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static HttpRequestMessage Create(object body, params string[] keys)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks") { Content = JsonContent.Create(body) };
        foreach (var key in keys)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/tasks?limit=200");
        return page.GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task ARetryWithTheSameKeyReturnsTheFirstTaskAndCreatesNothing()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Create(new { title = "Pay rent", priority = "high" }, key));
        using var retry = await client.SendAsync(Create(new { title = "Pay rent", priority = "high" }, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync(client));
    }

    [Fact]
    public async Task SimultaneousRequestsWithOneKeyCreateOneTask()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.SendAsync(Create(new { title = "Once" }, key))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync(client));
    }

    [Fact]
    public async Task AKeyReusedForADifferentTaskIs422AndCreatesNothing()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Create(new { title = "First" }, key));

        using var reused = await client.SendAsync(Create(new { title = "Second" }, key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", await Problems.CodeAsync(reused));
        Assert.Equal(1, await CountAsync(client));
    }

    [Fact]
    public async Task KeysBelongToOneUserSoAnotherUsersKeyNeverReturnsTheirTask()
    {
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        using var aliceClient = app.Client(alice.Token);
        using var bobClient = app.Client(bob.Token);
        var key = Guid.NewGuid().ToString();

        using var aliceResponse = await aliceClient.SendAsync(Create(new { title = "Same" }, key));
        using var bobResponse = await bobClient.SendAsync(Create(new { title = "Same" }, key));

        Assert.Equal(HttpStatusCode.Created, bobResponse.StatusCode);
        Assert.False(bobResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(aliceResponse.Headers.Location, bobResponse.Headers.Location);
    }

    [Theory]
    [InlineData(201, "k")]
    [InlineData(1, "has space")]
    [InlineData(1, "é")]
    public async Task ABadKeyIsAValidationError(int repeat, string part)
    {
        var key = string.Concat(Enumerable.Repeat(part, repeat));
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        using var response = await client.SendAsync(Create(new { title = "Task" }, key));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.GetRawText());
        Assert.Equal(0, await CountAsync(client));
    }

    [Fact]
    public async Task TwoKeysInOneRequestAreRefused()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        using var response = await client.SendAsync(Create(new { title = "Task" }, "one", "two"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAsync(client));
    }
}
