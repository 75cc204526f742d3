using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

/// <summary>
/// Every task, board and column endpoint against every kind of caller. Another user always gets 404,
/// exactly as for a thing that does not exist, and after every foreign attempt the owner's task, board
/// and columns are byte-for-byte unchanged. Naming the owner's board, column or task inside a request
/// (boardId, columnId, beforeId) is the same 404.
/// </summary>
public sealed class AccessMatrixTests(ApiApp app) : IClassFixture<ApiApp>
{
    public enum Caller
    {
        Owner,
        PersonalAccessToken,
        AnotherUser,
        Anonymous,
        RevokedToken,
    }

    /// <summary>What the owner has: a task on a board with three columns (the last one empty).</summary>
    private sealed record Owned(Guid TaskId, Guid BoardId, Guid Todo, Guid Doing, Guid Spare)
    {
        public string Task => $"/api/tasks/{TaskId}";

        public string Board => $"/api/boards/{BoardId}";

        public string Column => $"{Board}/columns/{Doing}";
    }

    private static readonly string[] Endpoints =
    [
        "listTasks", "createTask", "getTask", "patchTask", "replaceTask", "deleteTask", "moveTask",
        "listBoards", "createBoard", "getBoard", "patchBoard", "deleteBoard",
        "listColumns", "createColumn", "getColumn", "patchColumn", "deleteColumn", "moveColumn",
    ];

    public static TheoryData<string, Caller> Cells()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in Endpoints)
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
        var owned = await SetUpAsync(ownerClient);
        var before = await SnapshotAsync(ownerClient, owned);

        using var client = app.Client(await TokenForAsync(caller, owner));
        var response = await SendAsync(client, endpoint, owned);

        Assert.Equal(Expected(endpoint, caller), response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            Assert.NotNull(await Problems.CodeAsync(response));
        }

        if (caller is Caller.AnotherUser or Caller.Anonymous or Caller.RevokedToken)
        {
            Assert.Equal(before, await SnapshotAsync(ownerClient, owned));
        }

        if (caller == Caller.AnotherUser && endpoint is "listTasks" or "listBoards")
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(owned.TaskId.ToString(), body);
            Assert.DoesNotContain(owned.BoardId.ToString(), body);
        }

        if (caller == Caller.AnotherUser && !endpoint.StartsWith("list", StringComparison.Ordinal) && endpoint is not ("createTask" or "createBoard"))
        {
            // Identical to a thing that does not exist, body and all (but the trace id).
            var missing = await SendAsync(client, endpoint, owned with { TaskId = Guid.NewGuid(), BoardId = Guid.NewGuid() });
            Assert.Equal(missing.StatusCode, response.StatusCode);
            Assert.Equal(await ProblemWithoutTraceAsync(missing), await ProblemWithoutTraceAsync(response));
        }
    }

    /// <summary>The owner's board, column or task named inside another user's own requests: 404, as if it did not exist.</summary>
    [Fact]
    public async Task NamingAnotherUsersBoardColumnOrTaskInABodyIsNotFound()
    {
        var owner = await app.SignUpAsync();
        using var ownerClient = app.Client(owner.Token);
        var owned = await SetUpAsync(ownerClient);
        var before = await SnapshotAsync(ownerClient, owned);
        using var stranger = app.Client((await app.SignUpAsync()).Token);
        var strangers = await SetUpAsync(stranger);

        foreach (var (method, url, body) in new (HttpMethod, string, string)[]
        {
            (HttpMethod.Post, "/api/tasks", $$"""{"title":"Sneaky","boardId":"{{owned.BoardId}}"}"""),
            (HttpMethod.Post, "/api/tasks", $$"""{"title":"Sneaky","columnId":"{{owned.Todo}}"}"""),
            (HttpMethod.Patch, strangers.Task, $$"""{"columnId":"{{owned.Todo}}"}"""),
            (HttpMethod.Patch, strangers.Task, $$"""{"boardId":"{{owned.BoardId}}"}"""),
            (HttpMethod.Put, strangers.Task, $$"""{"title":"Sneaky","columnId":"{{owned.Todo}}"}"""),
            (HttpMethod.Post, $"{strangers.Task}/move", $$"""{"columnId":"{{owned.Todo}}"}"""),
            (HttpMethod.Post, $"{strangers.Task}/move", $$"""{"columnId":"{{strangers.Todo}}","beforeId":"{{owned.TaskId}}"}"""),
            (HttpMethod.Post, $"{strangers.Task}/move", $$"""{"columnId":"{{strangers.Todo}}","afterId":"{{owned.TaskId}}"}"""),
            (HttpMethod.Post, $"{strangers.Column}/move", $$"""{"beforeId":"{{owned.Todo}}"}"""),
            (HttpMethod.Delete, $"{strangers.Board}/columns/{strangers.Todo}?moveTasksTo={owned.Spare}", ""),
        })
        {
            using var request = new HttpRequestMessage(method, url) { Content = body.Length == 0 ? null : Json(body) };
            using var response = await stranger.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("not_found", await Problems.CodeAsync(response));
        }

        Assert.Equal(before, await SnapshotAsync(ownerClient, owned));
        Assert.Single(await TaskPages.AllAsync(stranger));
    }

    private static async Task<Owned> SetUpAsync(HttpClient client)
    {
        var board = await DefaultBoard.ReadAsync(client);
        var created = await client.PostAsJsonAsync("/api/tasks", new { title = "Owner's task", tags = new[] { "private" }, columnId = board.Todo });
        var task = await created.Content.ReadFromJsonAsync<JsonElement>();
        return new Owned(task.GetProperty("id").GetGuid(), board.Id, board.Todo, board.Doing, board.Done);
    }

    private static async Task<string> SnapshotAsync(HttpClient ownerClient, Owned owned) =>
        await ownerClient.GetStringAsync(owned.Task) + await ownerClient.GetStringAsync(owned.Board) + await ownerClient.GetStringAsync("/api/boards");

    private static HttpStatusCode Expected(string endpoint, Caller caller) => caller switch
    {
        Caller.Anonymous or Caller.RevokedToken => HttpStatusCode.Unauthorized,
        Caller.AnotherUser when !endpoint.StartsWith("list", StringComparison.Ordinal) || endpoint == "listColumns"
            => endpoint is "createTask" or "createBoard" ? HttpStatusCode.Created : HttpStatusCode.NotFound,
        _ => endpoint switch
        {
            "createTask" or "createBoard" or "createColumn" => HttpStatusCode.Created,
            "deleteTask" or "deleteBoard" or "deleteColumn" => HttpStatusCode.NoContent,
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

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, Owned owned)
    {
        var response = await Request(client, endpoint, owned);
        await response.Content.LoadIntoBufferAsync(); // read more than once below
        return response;
    }

    private static Task<HttpResponseMessage> Request(HttpClient client, string endpoint, Owned owned) => endpoint switch
    {
        "listTasks" => client.GetAsync("/api/tasks"),
        "createTask" => client.PostAsync("/api/tasks", Json("""{"title":"New one"}""")),
        "getTask" => client.GetAsync(owned.Task),
        "patchTask" => client.PatchAsync(owned.Task, Json("""{"title":"Hijacked","completed":true}""")),
        "replaceTask" => client.PutAsync(owned.Task, Json("""{"title":"Replaced"}""")),
        "deleteTask" => client.DeleteAsync(owned.Task),
        "moveTask" => client.PostAsync($"{owned.Task}/move", Json($$"""{"columnId":"{{owned.Doing}}"}""")),
        "listBoards" => client.GetAsync("/api/boards"),
        "createBoard" => client.PostAsync("/api/boards", Json("""{"name":"Mine"}""")),
        "getBoard" => client.GetAsync(owned.Board),
        "patchBoard" => client.PatchAsync(owned.Board, Json("""{"name":"Hijacked","archived":true}""")),
        "deleteBoard" => client.DeleteAsync($"{owned.Board}?confirm={Uri.EscapeDataString("My tasks")}"),
        "listColumns" => client.GetAsync($"{owned.Board}/columns"),
        "createColumn" => client.PostAsync($"{owned.Board}/columns", Json("""{"name":"Extra"}""")),
        "getColumn" => client.GetAsync(owned.Column),
        "patchColumn" => client.PatchAsync(owned.Column, Json("""{"name":"Hijacked","isDone":true}""")),
        "deleteColumn" => client.DeleteAsync($"{owned.Board}/columns/{owned.Spare}"),
        _ => client.PostAsync($"{owned.Column}/move", Json("""{"beforeId":null,"afterId":null}""")),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return JsonSerializer.Serialize(body.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
    }
}
