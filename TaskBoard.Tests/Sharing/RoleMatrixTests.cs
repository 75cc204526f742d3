using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Boards;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Sharing;

/// <summary>
/// The app with the people of the role matrix signed up once (every address confirmed), each test cell
/// then shares a board of its own with them.
/// </summary>
public sealed class RoleMatrixApp : ApiApp, IAsyncLifetime
{
    public Dictionary<RoleMatrixTests.Caller, TestAccount> People { get; } = [];

    public Dictionary<RoleMatrixTests.Caller, string?> Tokens { get; } = [];

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var person in new[] { RoleMatrixTests.Caller.Owner, RoleMatrixTests.Caller.Editor, RoleMatrixTests.Caller.Viewer,
            RoleMatrixTests.Caller.RemovedMember, RoleMatrixTests.Caller.PendingInvitee, RoleMatrixTests.Caller.Stranger })
        {
            People[person] = await SignUpAsync();
            Tokens[person] = People[person].Token;
        }

        await BoardSharing.ConfirmEmailsAsync(this, [.. People.Values]);

        Tokens[RoleMatrixTests.Caller.PatOwner] = await PersonalTokenAsync(People[RoleMatrixTests.Caller.Owner]);
        Tokens[RoleMatrixTests.Caller.PatEditor] = await PersonalTokenAsync(People[RoleMatrixTests.Caller.Editor]);
        Tokens[RoleMatrixTests.Caller.PatViewer] = await PersonalTokenAsync(People[RoleMatrixTests.Caller.Viewer]);
        Tokens[RoleMatrixTests.Caller.Anonymous] = null;
        var revoked = await SignInTokenAsync(People[RoleMatrixTests.Caller.Owner]);
        using (var client = Client(revoked))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
        }

        Tokens[RoleMatrixTests.Caller.RevokedToken] = revoked;
    }

    private async Task<string> PersonalTokenAsync(TestAccount account)
    {
        using var client = Client(account.Token);
        var response = await client.PostAsJsonAsync("/api/tokens", new { name = "matrix", expiresInDays = 1 });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}

/// <summary>
/// Every board, column, task, member, invitation, comment and activity endpoint against every kind of caller.
/// Members get what their role allows and 403 <c>forbidden</c> beyond it; everyone else, a removed member and a
/// pending invitee included, gets 404 byte-for-byte like an id that does not exist; lists never show them the
/// board. After every refused attempt the owner's board, task, members, comments and invitations are unchanged.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixApp app) : IClassFixture<RoleMatrixApp>
{
    public enum Caller
    {
        Owner,
        Editor,
        Viewer,
        RemovedMember,
        PendingInvitee,
        Stranger,
        Anonymous,
        RevokedToken,
        PatOwner,
        PatEditor,
        PatViewer,
    }

    /// <summary>Who may call an endpoint on the shared board.</summary>
    private enum Need
    {
        /// <summary>Anyone signed in (lists of one's own, creating one's own board).</summary>
        Anyone,
        Viewer,
        Editor,
        Owner,

        /// <summary>The comment's author: the editor wrote it.</summary>
        CommentAuthor,
        AuthorOrOwner,

        /// <summary>The owner removes the viewer, or the viewer leaves.</summary>
        OwnerOrTheViewer,

        /// <summary>The pending invitation's invitee.</summary>
        Invitee,
    }

    /// <summary>A board shared by the owner: a task with the editor's comment on it, members, and a pending invitation.</summary>
    private sealed record Shared(Guid BoardId, Guid[] Columns, Guid TaskId, Guid CommentId, Guid InvitationId, Guid EditorId, Guid ViewerId)
    {
        public string Board => $"/api/boards/{BoardId}";

        public string Task => $"/api/tasks/{TaskId}";

        /// <summary>The same with every id made up: what a request for something that does not exist names.</summary>
        public Shared Missing() => new(Guid.NewGuid(), [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
    }

    private sealed record Endpoint(string Name, Need Need, HttpStatusCode Success, Func<HttpClient, Shared, Task<HttpResponseMessage>> Send);

    private static readonly Endpoint[] Endpoints =
    [
        new("listTasks", Need.Anyone, HttpStatusCode.OK, (c, s) => c.GetAsync($"/api/tasks?boardId={s.BoardId}")),
        new("createTask", Need.Editor, HttpStatusCode.Created, (c, s) => c.PostAsync("/api/tasks", Json($$"""{"title":"New one","columnId":"{{s.Columns[0]}}"}"""))),
        new("getTask", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync(s.Task)),
        new("patchTask", Need.Editor, HttpStatusCode.OK, (c, s) => c.PatchAsync(s.Task, Json("""{"title":"Changed","completed":true}"""))),
        new("replaceTask", Need.Editor, HttpStatusCode.OK, (c, s) => c.PutAsync(s.Task, Json("""{"title":"Replaced"}"""))),
        new("deleteTask", Need.Editor, HttpStatusCode.NoContent, (c, s) => c.DeleteAsync(s.Task)),
        new("moveTask", Need.Editor, HttpStatusCode.OK, (c, s) => c.PostAsync($"{s.Task}/move", Json($$"""{"columnId":"{{s.Columns[1]}}"}"""))),
        new("listBoards", Need.Anyone, HttpStatusCode.OK, (c, _) => c.GetAsync("/api/boards")),
        new("createBoard", Need.Anyone, HttpStatusCode.Created, (c, _) => c.PostAsync("/api/boards", Json("""{"name":"Mine"}"""))),
        new("getBoard", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync(s.Board)),
        new("patchBoard", Need.Owner, HttpStatusCode.OK, (c, s) => c.PatchAsync(s.Board, Json("""{"name":"Renamed","archived":true}"""))),
        new("deleteBoard", Need.Owner, HttpStatusCode.NoContent, (c, s) => c.DeleteAsync($"{s.Board}?confirm=Shared")),
        new("listColumns", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Board}/columns")),
        new("createColumn", Need.Editor, HttpStatusCode.Created, (c, s) => c.PostAsync($"{s.Board}/columns", Json("""{"name":"Extra"}"""))),
        new("getColumn", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Board}/columns/{s.Columns[1]}")),
        new("patchColumn", Need.Editor, HttpStatusCode.OK, (c, s) => c.PatchAsync($"{s.Board}/columns/{s.Columns[1]}", Json("""{"name":"Doing","wipLimit":3}"""))),
        new("deleteColumn", Need.Editor, HttpStatusCode.NoContent, (c, s) => c.DeleteAsync($"{s.Board}/columns/{s.Columns[2]}")),
        new("moveColumn", Need.Editor, HttpStatusCode.OK, (c, s) => c.PostAsync($"{s.Board}/columns/{s.Columns[1]}/move", Json("""{}"""))),
        new("listMembers", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Board}/members")),
        new("changeMemberRole", Need.Owner, HttpStatusCode.OK, (c, s) => c.PatchAsync($"{s.Board}/members/{s.ViewerId}", Json("""{"role":"editor"}"""))),
        new("removeMember", Need.OwnerOrTheViewer, HttpStatusCode.NoContent, (c, s) => c.DeleteAsync($"{s.Board}/members/{s.ViewerId}")),
        new("transferBoard", Need.Owner, HttpStatusCode.OK, (c, s) => c.PostAsync($"{s.Board}/transfer", Json($$"""{"userId":"{{s.EditorId}}"}"""))),
        new("inviteToBoard", Need.Owner, HttpStatusCode.Accepted, (c, s) => c.PostAsync($"{s.Board}/invitations", Json($$"""{"email":"new-{{Guid.NewGuid():N}}@example.test","role":"viewer"}"""))),
        new("listBoardInvitations", Need.Owner, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Board}/invitations")),
        new("revokeInvitation", Need.Owner, HttpStatusCode.NoContent, (c, s) => c.DeleteAsync($"{s.Board}/invitations/{s.InvitationId}")),
        new("listMyInvitations", Need.Anyone, HttpStatusCode.OK, (c, _) => c.GetAsync("/api/invitations")),
        new("acceptInvitation", Need.Invitee, HttpStatusCode.OK, (c, s) => c.PostAsync($"/api/invitations/{s.InvitationId}/accept", null)),
        new("declineInvitation", Need.Invitee, HttpStatusCode.NoContent, (c, s) => c.PostAsync($"/api/invitations/{s.InvitationId}/decline", Json("""{}"""))),
        new("listComments", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Task}/comments")),
        new("createComment", Need.Editor, HttpStatusCode.Created, (c, s) => c.PostAsync($"{s.Task}/comments", Json("""{"body":"Me too"}"""))),
        new("getComment", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Task}/comments/{s.CommentId}")),
        new("patchComment", Need.CommentAuthor, HttpStatusCode.OK, (c, s) => c.PatchAsync($"{s.Task}/comments/{s.CommentId}", Json("""{"body":"Changed"}"""))),
        new("deleteComment", Need.AuthorOrOwner, HttpStatusCode.NoContent, (c, s) => c.DeleteAsync($"{s.Task}/comments/{s.CommentId}")),
        new("listActivity", Need.Viewer, HttpStatusCode.OK, (c, s) => c.GetAsync($"{s.Task}/activity")),
    ];

    public static TheoryData<string, Caller> Cells()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(endpoint.Name, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachEndpointAnswersEachCallerByTheirRoleOnTheBoard(string name, Caller caller)
    {
        var endpoint = Endpoints.Single(e => e.Name == name);
        using var owner = app.Client(app.People[Caller.Owner].Token);
        var shared = await ShareAsync(owner);
        var before = await SnapshotAsync(owner, shared);

        using var client = app.Client(app.Tokens[caller]);
        var response = await SendAsync(client, endpoint, shared);
        var expected = Expected(endpoint, caller);

        Assert.True(expected == response.StatusCode, $"{name} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if ((int)expected >= 400)
        {
            Assert.Equal(expected switch
            {
                HttpStatusCode.Unauthorized => caller == Caller.Anonymous ? "token_missing" : "session_revoked",
                HttpStatusCode.Forbidden => "forbidden",
                _ => "not_found",
            }, await Problems.CodeAsync(response));
            Assert.Equal(before, await SnapshotAsync(owner, shared));
        }

        if (expected == HttpStatusCode.NotFound)
        {
            // Exactly what an id that does not exist gets, but for the trace id.
            var missing = await SendAsync(client, endpoint, shared.Missing());
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(await WithoutTraceAsync(missing), await WithoutTraceAsync(response));
        }

        if (endpoint.Need == Need.Anyone && RoleOf(caller) is null && expected == HttpStatusCode.OK)
        {
            // Lists show a non-member nothing of the board, but the invitee their invitation to it.
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(caller == Caller.PendingInvitee && name == "listMyInvitations", body.Contains(shared.BoardId.ToString(), StringComparison.Ordinal));
            Assert.DoesNotContain(shared.TaskId.ToString(), body);
        }
    }

    /// <summary>
    /// The shared board's board, column or task named inside a caller's own requests (boardId, columnId, beforeId,
    /// afterId, moveTasksTo): 404 as if it did not exist for someone outside the board, 403 for its viewer.
    /// </summary>
    [Theory]
    [InlineData(Caller.Stranger, HttpStatusCode.NotFound)]
    [InlineData(Caller.RemovedMember, HttpStatusCode.NotFound)]
    [InlineData(Caller.Viewer, HttpStatusCode.Forbidden)]
    public async Task NamingTheSharedBoardColumnOrTaskInsideABodyIsRefusedByRole(Caller caller, HttpStatusCode expected)
    {
        using var owner = app.Client(app.People[Caller.Owner].Token);
        var shared = await ShareAsync(owner);
        var before = await SnapshotAsync(owner, shared);
        using var client = app.Client(app.Tokens[caller]);
        var own = await ReadAsync(await client.PostAsync("/api/boards", Json("""{"name":"Own"}""")));
        var ownColumn = own.GetProperty("columns")[0].GetProperty("id").GetGuid();
        var ownTask = $"/api/tasks/{(await ReadAsync(await client.PostAsync("/api/tasks", Json($$"""{"title":"Own","columnId":"{{ownColumn}}"}""")))).GetProperty("id")}";
        var ownBoard = $"/api/boards/{own.GetProperty("id")}";
        var ownColumnUrl = $"{ownBoard}/columns/{ownColumn}";

        foreach (var (method, url, body) in new (HttpMethod, string, string)[]
        {
            (HttpMethod.Post, "/api/tasks", $$"""{"title":"Sneaky","boardId":"{{shared.BoardId}}"}"""),
            (HttpMethod.Post, "/api/tasks", $$"""{"title":"Sneaky","columnId":"{{shared.Columns[0]}}"}"""),
            (HttpMethod.Patch, ownTask, $$"""{"columnId":"{{shared.Columns[0]}}"}"""),
            (HttpMethod.Patch, ownTask, $$"""{"boardId":"{{shared.BoardId}}"}"""),
            (HttpMethod.Put, ownTask, $$"""{"title":"Sneaky","columnId":"{{shared.Columns[0]}}"}"""),
            (HttpMethod.Post, $"{ownTask}/move", $$"""{"columnId":"{{shared.Columns[0]}}"}"""),
        })
        {
            using var request = new HttpRequestMessage(method, url) { Content = Json(body) };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == expected, $"{method} {url} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // A neighbour or a target on the shared board, named from one's own board: a mistake (400) for a viewer, who
        // knows the board; nothing at all (404) for anyone else.
        var misplaced = caller == Caller.Viewer ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
        foreach (var (method, url, body) in new (HttpMethod, string, string)[]
        {
            (HttpMethod.Post, $"{ownTask}/move", $$"""{"columnId":"{{ownColumn}}","beforeId":"{{shared.TaskId}}"}"""),
            (HttpMethod.Post, $"{ownTask}/move", $$"""{"columnId":"{{ownColumn}}","afterId":"{{shared.TaskId}}"}"""),
            (HttpMethod.Post, $"{ownColumnUrl}/move", $$"""{"beforeId":"{{shared.Columns[0]}}"}"""),
            (HttpMethod.Delete, $"{ownColumnUrl}?moveTasksTo={shared.Columns[1]}", ""),
        })
        {
            using var request = new HttpRequestMessage(method, url) { Content = body.Length == 0 ? null : Json(body) };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == misplaced, $"{method} {url} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(before, await SnapshotAsync(owner, shared));
    }

    [Fact]
    public void TheMatrixCoversEverySharedBoardEndpoint()
    {
        string[] prefixes = ["/api/tasks", "/api/boards", "/api/invitations"];
        var named = app.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => prefixes.Any(p => e.RoutePattern.RawText?.StartsWith(p, StringComparison.Ordinal) == true))
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .Order().ToList();

        Assert.Equal(named, Endpoints.Select(e => e.Name).Order().ToList());
    }

    private static BoardRole? RoleOf(Caller caller) => caller switch
    {
        Caller.Owner or Caller.PatOwner => BoardRole.Owner,
        Caller.Editor or Caller.PatEditor => BoardRole.Editor,
        Caller.Viewer or Caller.PatViewer => BoardRole.Viewer,
        _ => null,
    };

    private static HttpStatusCode Expected(Endpoint endpoint, Caller caller)
    {
        if (caller is Caller.Anonymous or Caller.RevokedToken)
        {
            return HttpStatusCode.Unauthorized;
        }

        if (endpoint.Need == Need.Anyone)
        {
            return endpoint.Success;
        }

        if (endpoint.Need == Need.Invitee)
        {
            return caller == Caller.PendingInvitee ? endpoint.Success : HttpStatusCode.NotFound;
        }

        if (RoleOf(caller) is not { } role)
        {
            return HttpStatusCode.NotFound;
        }

        var allowed = endpoint.Need switch
        {
            Need.Viewer => true,
            Need.Editor => role >= BoardRole.Editor,
            Need.Owner => role == BoardRole.Owner,
            Need.CommentAuthor => role == BoardRole.Editor,
            Need.AuthorOrOwner => role is BoardRole.Editor or BoardRole.Owner,
            _ => role is BoardRole.Owner or BoardRole.Viewer,
        };
        return allowed ? endpoint.Success : HttpStatusCode.Forbidden;
    }

    /// <summary>
    /// A new board of the owner's with a task on it; the editor and the viewer (and the removed member, later
    /// removed) accepted invitations; the editor commented on the task; the pending invitee was invited.
    /// </summary>
    private async Task<Shared> ShareAsync(HttpClient owner)
    {
        var board = await ReadAsync(await owner.PostAsync("/api/boards", Json("""{"name":"Shared"}""")));
        var boardId = board.GetProperty("id").GetGuid();
        var columns = board.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToArray();
        var task = await ReadAsync(await owner.PostAsync("/api/tasks", Json($$"""{"title":"Shared task","columnId":"{{columns[0]}}"}""")));
        await JoinAsync(owner, boardId, Caller.Editor, "editor");
        await JoinAsync(owner, boardId, Caller.Viewer, "viewer");
        await JoinAsync(owner, boardId, Caller.RemovedMember, "editor");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/boards/{boardId}/members/{app.People[Caller.RemovedMember].UserId}")).StatusCode);
        using var editor = app.Client(app.People[Caller.Editor].Token);
        var comment = await ReadAsync(await editor.PostAsync($"/api/tasks/{task.GetProperty("id")}/comments", Json("""{"body":"On it"}""")));
        var invitation = await InviteAsync(owner, boardId, Caller.PendingInvitee, "viewer");
        return new Shared(boardId, columns, task.GetProperty("id").GetGuid(), comment.GetProperty("id").GetGuid(), invitation,
            app.People[Caller.Editor].UserId, app.People[Caller.Viewer].UserId);
    }

    private Task<Guid> InviteAsync(HttpClient owner, Guid boardId, Caller who, string role) =>
        BoardSharing.InviteAsync(owner, boardId, app.People[who].Email, role);

    private Task JoinAsync(HttpClient owner, Guid boardId, Caller who, string role) =>
        BoardSharing.JoinAsync(app, owner, boardId, app.People[who], role);

    /// <summary>Everything the owner can see of the shared board.</summary>
    private static async Task<string> SnapshotAsync(HttpClient owner, Shared shared) =>
        string.Join("\n", await Task.WhenAll(
            owner.GetStringAsync(shared.Board), owner.GetStringAsync(shared.Task), owner.GetStringAsync($"{shared.Board}/members"),
            owner.GetStringAsync($"{shared.Task}/comments"), owner.GetStringAsync($"{shared.Board}/invitations")));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Endpoint endpoint, Shared shared)
    {
        var response = await endpoint.Send(client, shared);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return JsonSerializer.Serialize(body.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
    }
}
