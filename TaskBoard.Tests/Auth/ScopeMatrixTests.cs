using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Sessions;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>
/// Every <c>/api</c> endpoint against a sign-in token and three personal access tokens of different
/// scopes: what a scope allows answers as usual, what it does not is 403 <c>insufficient_scope</c>
/// with a challenge naming the scope, and the matrix itself is checked to list every endpoint.
/// </summary>
public sealed class ScopeMatrixTests(ApiApp app) : IClassFixture<ApiApp>
{
    public enum Caller
    {
        SignIn,
        PatTasks,
        PatReadOnly,
        PatAccount,
    }

    /// <summary>What one request needs: the account it runs as, one of its tasks, its board and another of its sessions.</summary>
    private sealed record Arranged(TestAccount Owner, Guid TaskId, Guid OtherSessionId, DefaultBoard Board)
    {
        public string BoardUrl => $"/api/boards/{Board.Id}";
    }

    /// <summary>An endpoint, the scope it needs (null: any token, or none), and what it answers when the scope allows the call.</summary>
    private sealed record Endpoint(string Method, string Route, string? Scope, HttpStatusCode Allowed, Func<HttpClient, Arranged, Task<HttpResponseMessage>> Send);

    private static readonly Endpoint[] Endpoints =
    [
        new("POST", "/api/auth/sign-up", null, HttpStatusCode.Created, (c, _) => c.PostAsJsonAsync("/api/auth/sign-up",
            new { email = $"m-{Guid.NewGuid():N}@example.test", password = "a matrix passphrase", name = "M" })),
        new("POST", "/api/auth/sign-in", null, HttpStatusCode.OK, (c, a) => c.PostAsJsonAsync("/api/auth/sign-in", new { email = a.Owner.Email, password = a.Owner.Password })),
        new("POST", "/api/auth/sign-in/2fa", null, HttpStatusCode.Unauthorized, (c, _) => c.PostAsJsonAsync("/api/auth/sign-in/2fa", new { mfaToken = "none", code = "123456" })),
        new("POST", "/api/auth/verify-email", null, HttpStatusCode.BadRequest, (c, _) => c.PostAsJsonAsync("/api/auth/verify-email", new { token = "none" })),
        new("POST", "/api/auth/verify-email/send", Scopes.Account, HttpStatusCode.TooManyRequests, (c, _) => c.PostAsync("/api/auth/verify-email/send", null)),
        new("POST", "/api/auth/forgot-password", null, HttpStatusCode.Accepted, (c, a) => c.PostAsJsonAsync("/api/auth/forgot-password", new { email = a.Owner.Email })),
        new("POST", "/api/auth/reset-password", null, HttpStatusCode.BadRequest, (c, _) => c.PostAsJsonAsync("/api/auth/reset-password",
            new { token = "none", newPassword = "a matrix reset passphrase" })),
        new("POST", "/api/auth/2fa/setup", Scopes.Account, HttpStatusCode.OK, (c, _) => c.PostAsync("/api/auth/2fa/setup", null)),
        new("POST", "/api/auth/2fa/enable", Scopes.Account, HttpStatusCode.BadRequest, (c, _) => c.PostAsJsonAsync("/api/auth/2fa/enable", new { code = "000000" })),
        new("POST", "/api/auth/2fa/disable", Scopes.Account, HttpStatusCode.BadRequest, (c, _) => c.PostAsJsonAsync("/api/auth/2fa/disable", new { code = "000000" })),
        new("POST", "/api/auth/2fa/recovery-codes", Scopes.Account, HttpStatusCode.BadRequest, (c, _) => c.PostAsJsonAsync("/api/auth/2fa/recovery-codes", new { code = "000000" })),
        new("POST", "/api/auth/sign-out", null, HttpStatusCode.NoContent, (c, _) => c.PostAsync("/api/auth/sign-out", null)),
        new("GET", "/api/auth/session", null, HttpStatusCode.OK, (c, _) => c.GetAsync("/api/auth/session")),
        new("POST", "/api/auth/password", Scopes.Account, HttpStatusCode.NoContent, (c, a) => c.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = a.Owner.Password, newPassword = $"a new matrix passphrase {Guid.NewGuid():N}" })),
        new("GET", "/api/sessions", Scopes.Account, HttpStatusCode.OK, (c, _) => c.GetAsync("/api/sessions")),
        new("GET", "/api/sessions/{id:guid}", Scopes.Account, HttpStatusCode.OK, (c, a) => c.GetAsync($"/api/sessions/{a.OtherSessionId}")),
        new("DELETE", "/api/sessions/{id:guid}", Scopes.Account, HttpStatusCode.NoContent, (c, a) => c.DeleteAsync($"/api/sessions/{a.OtherSessionId}")),
        new("POST", "/api/tokens", Scopes.Account, HttpStatusCode.Created, (c, _) => c.PostAsJsonAsync("/api/tokens",
            new { name = "child", expiresInDays = 1, scopes = new[] { Scopes.Account } })),
        new("GET", "/api/tasks/", Scopes.TasksRead, HttpStatusCode.OK, (c, _) => c.GetAsync("/api/tasks")),
        new("POST", "/api/tasks/", Scopes.TasksWrite, HttpStatusCode.Created, (c, _) => c.PostAsync("/api/tasks", Json("""{"title":"New"}"""))),
        new("GET", "/api/tasks/{id:guid}", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"/api/tasks/{a.TaskId}")),
        new("PATCH", "/api/tasks/{id:guid}", Scopes.TasksWrite, HttpStatusCode.OK, (c, a) => c.PatchAsync($"/api/tasks/{a.TaskId}", Json("""{"completed":true}"""))),
        new("PUT", "/api/tasks/{id:guid}", Scopes.TasksWrite, HttpStatusCode.OK, (c, a) => c.PutAsync($"/api/tasks/{a.TaskId}", Json("""{"title":"Replaced"}"""))),
        new("DELETE", "/api/tasks/{id:guid}", Scopes.TasksWrite, HttpStatusCode.NoContent, (c, a) => c.DeleteAsync($"/api/tasks/{a.TaskId}")),
        new("POST", "/api/tasks/{id:guid}/move", Scopes.TasksWrite, HttpStatusCode.OK, (c, a) => c.PostAsync($"/api/tasks/{a.TaskId}/move", Json($$"""{"columnId":"{{a.Board.Done}}"}"""))),
        new("GET", "/api/boards/", Scopes.TasksRead, HttpStatusCode.OK, (c, _) => c.GetAsync("/api/boards")),
        new("POST", "/api/boards/", Scopes.TasksWrite, HttpStatusCode.Created, (c, _) => c.PostAsync("/api/boards", Json("""{"name":"New"}"""))),
        new("GET", "/api/boards/{id:guid}", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync(a.BoardUrl)),
        new("PATCH", "/api/boards/{id:guid}", Scopes.TasksWrite, HttpStatusCode.OK, (c, a) => c.PatchAsync(a.BoardUrl, Json("""{"name":"Renamed"}"""))),
        new("DELETE", "/api/boards/{id:guid}", Scopes.TasksWrite, HttpStatusCode.NoContent, (c, a) => c.DeleteAsync($"{a.BoardUrl}?confirm=My%20tasks")),
        new("GET", "/api/boards/{id:guid}/columns", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"{a.BoardUrl}/columns")),
        new("POST", "/api/boards/{id:guid}/columns", Scopes.TasksWrite, HttpStatusCode.Created, (c, a) => c.PostAsync($"{a.BoardUrl}/columns", Json("""{"name":"New"}"""))),
        new("GET", "/api/boards/{id:guid}/columns/{columnId:guid}", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"{a.BoardUrl}/columns/{a.Board.Doing}")),
        new("PATCH", "/api/boards/{id:guid}/columns/{columnId:guid}", Scopes.TasksWrite, HttpStatusCode.OK,
            (c, a) => c.PatchAsync($"{a.BoardUrl}/columns/{a.Board.Doing}", Json("""{"wipLimit":3}"""))),
        new("DELETE", "/api/boards/{id:guid}/columns/{columnId:guid}", Scopes.TasksWrite, HttpStatusCode.NoContent,
            (c, a) => c.DeleteAsync($"{a.BoardUrl}/columns/{a.Board.Doing}")),
        new("POST", "/api/boards/{id:guid}/columns/{columnId:guid}/move", Scopes.TasksWrite, HttpStatusCode.OK,
            (c, a) => c.PostAsync($"{a.BoardUrl}/columns/{a.Board.Doing}/move", Json("""{}"""))),
        new("GET", "/api/tasks/{id:guid}/comments", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"/api/tasks/{a.TaskId}/comments")),
        new("POST", "/api/tasks/{id:guid}/comments", Scopes.TasksWrite, HttpStatusCode.Created,
            (c, a) => c.PostAsync($"/api/tasks/{a.TaskId}/comments", Json("""{"body":"Noted"}"""))),
        new("GET", "/api/tasks/{id:guid}/comments/{commentId:guid}", Scopes.TasksRead, HttpStatusCode.NotFound,
            (c, a) => c.GetAsync($"/api/tasks/{a.TaskId}/comments/{Guid.NewGuid()}")),
        new("PATCH", "/api/tasks/{id:guid}/comments/{commentId:guid}", Scopes.TasksWrite, HttpStatusCode.NotFound,
            (c, a) => c.PatchAsync($"/api/tasks/{a.TaskId}/comments/{Guid.NewGuid()}", Json("""{"body":"Changed"}"""))),
        new("DELETE", "/api/tasks/{id:guid}/comments/{commentId:guid}", Scopes.TasksWrite, HttpStatusCode.NotFound,
            (c, a) => c.DeleteAsync($"/api/tasks/{a.TaskId}/comments/{Guid.NewGuid()}")),
        new("GET", "/api/tasks/{id:guid}/activity", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"/api/tasks/{a.TaskId}/activity")),
        new("GET", "/api/boards/{id:guid}/members", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"{a.BoardUrl}/members")),
        new("PATCH", "/api/boards/{id:guid}/members/{userId:guid}", Scopes.TasksWrite, HttpStatusCode.BadRequest,
            (c, a) => c.PatchAsync($"{a.BoardUrl}/members/{a.Owner.UserId}", Json("""{"role":"viewer"}"""))),
        new("DELETE", "/api/boards/{id:guid}/members/{userId:guid}", Scopes.TasksWrite, HttpStatusCode.BadRequest,
            (c, a) => c.DeleteAsync($"{a.BoardUrl}/members/{a.Owner.UserId}")),
        new("POST", "/api/boards/{id:guid}/transfer", Scopes.TasksWrite, HttpStatusCode.BadRequest,
            (c, a) => c.PostAsync($"{a.BoardUrl}/transfer", Json($$"""{"userId":"{{a.Owner.UserId}}"}"""))),
        new("POST", "/api/boards/{id:guid}/invitations", Scopes.TasksWrite, HttpStatusCode.Accepted,
            (c, a) => c.PostAsync($"{a.BoardUrl}/invitations", Json("""{"email":"invitee@example.test","role":"viewer"}"""))),
        new("GET", "/api/boards/{id:guid}/invitations", Scopes.TasksRead, HttpStatusCode.OK, (c, a) => c.GetAsync($"{a.BoardUrl}/invitations")),
        new("DELETE", "/api/boards/{id:guid}/invitations/{invitationId:guid}", Scopes.TasksWrite, HttpStatusCode.NotFound,
            (c, a) => c.DeleteAsync($"{a.BoardUrl}/invitations/{Guid.NewGuid()}")),
        new("GET", "/api/invitations/", Scopes.TasksRead, HttpStatusCode.Forbidden, (c, _) => c.GetAsync("/api/invitations")),
        new("POST", "/api/invitations/{id:guid}/accept", Scopes.TasksWrite, HttpStatusCode.NotFound, (c, _) => c.PostAsync($"/api/invitations/{Guid.NewGuid()}/accept", null)),
        new("POST", "/api/invitations/{id:guid}/decline", Scopes.TasksWrite, HttpStatusCode.NotFound, (c, _) => c.PostAsync($"/api/invitations/{Guid.NewGuid()}/decline", null)),
    ];

    private static readonly Dictionary<Caller, string[]> CallerScopes = new()
    {
        [Caller.SignIn] = [.. Scopes.All],
        [Caller.PatTasks] = [Scopes.TasksRead, Scopes.TasksWrite],
        [Caller.PatReadOnly] = [Scopes.TasksRead],
        [Caller.PatAccount] = [Scopes.Account],
    };

    public static TheoryData<string, Caller> Cells()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add($"{endpoint.Method} {endpoint.Route}", caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachEndpointAnswersEachTokenByItsScopes(string name, Caller caller)
    {
        var endpoint = Endpoints.Single(e => $"{e.Method} {e.Route}" == name);
        var owner = await app.SignUpAsync();
        using var ownerClient = app.Client(owner.Token);
        var task = await (await ownerClient.PostAsJsonAsync("/api/tasks", new { title = "Owner's task" })).Content.ReadFromJsonAsync<JsonElement>();
        var other = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(await app.SignInTokenAsync(owner)).GetPayloadValue<string>("sid");
        var arranged = new Arranged(owner, task.GetProperty("id").GetGuid(), Guid.Parse(other), await DefaultBoard.ReadAsync(ownerClient));

        using var client = app.Client(caller == Caller.SignIn ? owner.Token : await PersonalTokenAsync(ownerClient, CallerScopes[caller]));
        var response = await endpoint.Send(client, arranged);

        if (endpoint.Scope is null || CallerScopes[caller].Contains(endpoint.Scope))
        {
            Assert.True(endpoint.Allowed == response.StatusCode, $"{name} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("insufficient_scope", await Problems.CodeAsync(response));
            Assert.Equal($"Bearer error=\"insufficient_scope\", scope=\"{endpoint.Scope}\"", response.Headers.WwwAuthenticate.ToString());
            // Refused before anything happened: the task is as it was.
            Assert.Equal(task.GetProperty("version").GetInt32(),
                (await ownerClient.GetFromJsonAsync<JsonElement>($"/api/tasks/{arranged.TaskId}")).GetProperty("version").GetInt32());
        }
    }

    [Fact]
    public void TheMatrixCoversEveryApiEndpoint()
    {
        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        Assert.Equal(routes, Endpoints.Select(e => $"{e.Method} {e.Route}").Order().ToList());
    }

    [Fact]
    public async Task ATokenCanNeitherOutliveNorOutrankTheTokenThatCreatesIt()
    {
        var owner = await app.SignUpAsync();
        using var ownerClient = app.Client(owner.Token);
        using var parent = app.Client(await PersonalTokenAsync(ownerClient, [Scopes.Account, Scopes.TasksRead], days: 2));

        var longer = await parent.PostAsJsonAsync("/api/tokens", new { name = "longer", expiresInDays = 365, scopes = new[] { Scopes.TasksRead } });
        var stronger = await parent.PostAsJsonAsync("/api/tokens", new { name = "stronger", expiresInDays = 1, scopes = new[] { Scopes.TasksWrite } });
        var defaults = await parent.PostAsJsonAsync("/api/tokens", new { name = "defaults", expiresInDays = 1 });
        var fine = await parent.PostAsJsonAsync("/api/tokens", new { name = "fine", expiresInDays = 1, scopes = new[] { Scopes.TasksRead } });

        Assert.Equal("A token cannot create one that outlives it: the token making this request expires in 1 days, so choose at most 1.",
            await FieldErrorAsync(longer, "expiresInDays"));
        Assert.Equal("A token cannot give scopes it does not have: this one lacks tasks:write.", await FieldErrorAsync(stronger, "scopes"));
        Assert.Equal("A token cannot give scopes it does not have: this one lacks tasks:write.", await FieldErrorAsync(defaults, "scopes"));
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
        var session = (await fine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session");
        Assert.Equal([Scopes.TasksRead], session.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(session.GetProperty("expiresAt").GetDateTime() <= DateTime.UtcNow.AddDays(1).AddMinutes(1));
    }

    [Fact]
    public async Task NewTokensHaveTheTaskScopesUnlessAskedAndTheSessionListShowsThem()
    {
        var owner = await app.SignUpAsync();
        using var ownerClient = app.Client(owner.Token);
        var created = await ownerClient.PostAsJsonAsync("/api/tokens", new { name = "default scopes", expiresInDays = 3 });
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var scope = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string>("scope");
        Assert.Equal("tasks:read tasks:write", scope);
        var listed = await ownerClient.GetFromJsonAsync<JsonElement>("/api/sessions");
        var entry = listed.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "default scopes");
        Assert.Equal([Scopes.TasksRead, Scopes.TasksWrite], entry.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var current = listed.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean());
        Assert.Equal(Scopes.All, current.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    private static async Task<string> PersonalTokenAsync(HttpClient owner, string[] scopes, int days = 2)
    {
        var response = await owner.PostAsJsonAsync("/api/tokens", new { name = "matrix", expiresInDays = days, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<string?> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("errors").GetProperty(field)[0].GetString();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
