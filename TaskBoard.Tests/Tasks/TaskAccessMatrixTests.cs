using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

/// <summary>
/// Every task endpoint against every kind of caller. Another user always gets 404, exactly as for a
/// task that does not exist, and after every foreign attempt the owner's task is byte-for-byte unchanged.
/// </summary>
public sealed class TaskAccessMatrixTests(ApiApp app) : IClassFixture<ApiApp>
{
    public enum Caller
    {
        Owner,
        PersonalAccessToken,
        AnotherUser,
        Anonymous,
        RevokedToken,
    }

    public static TheoryData<string, Caller> Cells()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in new[] { "list", "create", "get", "patch", "put", "delete", "move" })
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(endpoint, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachEndpointAnswersEachCallerAsExpected(string endpoint, Caller caller)
    {
        var owner = await app.SignUpAsync();
        using var ownerClient = app.Client(owner.Token);
        var created = await ownerClient.PostAsJsonAsync("/api/tasks", new { title = "Owner's task", tags = new[] { "private" } });
        var task = await created.Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/tasks/{task.GetProperty("id").GetGuid()}";
        var before = await ownerClient.GetStringAsync(url);

        using var client = app.Client(await TokenForAsync(caller, owner));
        var response = await SendAsync(client, endpoint, url);

        Assert.Equal(Expected(endpoint, caller), response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            Assert.NotNull(await Problems.CodeAsync(response));
        }

        if (caller is Caller.AnotherUser or Caller.Anonymous or Caller.RevokedToken)
        {
            Assert.Equal(before, await ownerClient.GetStringAsync(url));
        }

        if (caller == Caller.AnotherUser && endpoint == "list")
        {
            Assert.DoesNotContain(task.GetProperty("id").GetGuid().ToString(), await response.Content.ReadAsStringAsync());
        }

        if (caller == Caller.AnotherUser && endpoint is not ("list" or "create"))
        {
            // Identical to a task that does not exist, body and all (but the trace id).
            var missing = await SendAsync(client, endpoint, $"/api/tasks/{Guid.NewGuid()}");
            Assert.Equal(missing.StatusCode, response.StatusCode);
            Assert.Equal(await ProblemWithoutTraceAsync(missing), await ProblemWithoutTraceAsync(response));
        }
    }

    private static HttpStatusCode Expected(string endpoint, Caller caller) => caller switch
    {
        Caller.Anonymous or Caller.RevokedToken => HttpStatusCode.Unauthorized,
        Caller.AnotherUser when endpoint is not ("list" or "create") => HttpStatusCode.NotFound,
        _ => endpoint switch
        {
            "create" => HttpStatusCode.Created,
            "delete" => HttpStatusCode.NoContent,
            _ => HttpStatusCode.OK,
        },
    };

    private async Task<string?> TokenForAsync(Caller caller, TestAccount owner)
    {
        switch (caller)
        {
            case Caller.Owner:
                return owner.Token;
            case Caller.PersonalAccessToken:
                using (var client = app.Client(owner.Token))
                {
                    var response = await client.PostAsJsonAsync("/api/tokens", new { name = "matrix", expiresInDays = 1 });
                    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
                }

            case Caller.AnotherUser:
                return (await app.SignUpAsync()).Token;
            case Caller.RevokedToken:
                var revoked = await app.SignInTokenAsync(owner);
                using (var client = app.Client(revoked))
                {
                    Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
                }

                return revoked;
            default:
                return null;
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, string url)
    {
        var response = await Request(client, endpoint, url);
        await response.Content.LoadIntoBufferAsync(); // read more than once below
        return response;
    }

    private static Task<HttpResponseMessage> Request(HttpClient client, string endpoint, string url) => endpoint switch
    {
        "list" => client.GetAsync("/api/tasks"),
        "create" => client.PostAsync("/api/tasks", Json("""{"title":"New one"}""")),
        "get" => client.GetAsync(url),
        "patch" => client.PatchAsync(url, Json("""{"title":"Hijacked","completed":true}""")),
        "put" => client.PutAsync(url, Json("""{"title":"Replaced"}""")),
        "delete" => client.DeleteAsync(url),
        _ => client.PostAsync($"{url}/move", Json("""{"status":"done"}""")),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return JsonSerializer.Serialize(body.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
    }
}
