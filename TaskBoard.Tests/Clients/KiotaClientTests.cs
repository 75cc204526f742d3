using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using TaskBoard.ApiClient;
using TaskBoard.ApiClient.Api.Tasks;
using TaskBoard.ApiClient.Models;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Clients;

/// <summary>The app with a small password limit, so that the flow can also meet a 429.</summary>
public sealed class KiotaApp : ApiApp
{
    public const int AuthLimit = 10;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["RateLimits:Auth:PermitLimit"] = AuthLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>
/// The C# client Kiota generates from openapi/taskboard.json (TaskBoard.ApiClient), used as an
/// outside developer would, with no hand-written HTTP, against the real app. Every response also
/// passes the contract check.
/// </summary>
public sealed class KiotaClientTests(KiotaApp app) : IClassFixture<KiotaApp>
{
    private sealed class StaticToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }

    private TaskBoardClient Client(string? token = null)
    {
        var http = app.Factory.CreateDefaultClient(new HeadersInspectionHandler(), new ApiContractHandler(ApiContract.Document));
        IAuthenticationProvider auth = token is null ? new AnonymousAuthenticationProvider() : new BaseBearerTokenAuthenticationProvider(new StaticToken(token));
        return new TaskBoardClient(new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
    }

    private static HeadersInspectionHandlerOption Inspect() => new() { InspectResponseHeaders = true };

    private static string Header(HeadersInspectionHandlerOption inspection, string name) =>
        inspection.ResponseHeaders.TryGetValue(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task AWholeFlowWorksThroughTheGeneratedClient()
    {
        var anonymous = Client();
        var email = $"kiota-{Guid.NewGuid():N}@example.test";
        var signUp = await anonymous.Api.Auth.SignUp.PostAsync(new SignUpRequest { Email = email, Password = $"pw-{Guid.NewGuid():N}", Name = "Kiota" });
        Assert.Equal(email, signUp!.User!.Email);
        var client = Client(signUp.AccessToken);

        // Create, then the same create again with the same Idempotency-Key: the same task, marked as a replay.
        var key = Guid.NewGuid().ToString();
        var body = new TaskWrite { Title = "Generated", Priority = TaskPriority.High, Tags = ["kiota"], DueDate = new Date(2026, 3, 1) };
        var created = await client.Api.Tasks.PostAsync(body, c => c.Headers.Add("Idempotency-Key", key));
        var replayInspection = Inspect();
        var replayed = await client.Api.Tasks.PostAsync(body, c =>
        {
            c.Headers.Add("Idempotency-Key", key);
            c.Options.Add(replayInspection);
        });
        Assert.Equal(created!.Id, replayed!.Id);
        Assert.Equal("true", Header(replayInspection, "Idempotent-Replayed"));
        Assert.Equal(new Date(2026, 3, 1), created.DueDate);

        // The account's board and its columns; a second board of its own shape.
        var boards = await client.Api.Boards.GetAsync();
        var myTasks = Assert.Single(boards!.Items!);
        Assert.Equal(["To do", "In progress", "Done"], myTasks.Columns!.Select(c => c.Name));
        var todo = myTasks.Columns![0].Id!.Value;
        var inProgress = myTasks.Columns[1].Id!.Value;
        Assert.Equal(myTasks.Id, created.BoardId);
        Assert.Equal(todo, created.ColumnId);
        var home = await client.Api.Boards.PostAsync(new BoardCreate
        {
            Name = "Home",
            Columns = [new ColumnCreate { Name = "Someday" }, new ColumnCreate { Name = "Doing", WipLimit = 2 }, new ColumnCreate { Name = "Done", IsDone = true }],
        });
        Assert.Equal([null, 2, null], home!.Columns!.Select(c => c.WipLimit));

        // More tasks, then a typed, filtered list walked page by page to the end.
        for (var i = 0; i < 4; i++)
        {
            await client.Api.Tasks.PostAsync(new TaskWrite { Title = $"Todo {i}", ColumnId = todo, Priority = TaskPriority.High });
        }

        await client.Api.Tasks.PostAsync(new TaskWrite { Title = "At home", BoardId = home.Id, Priority = TaskPriority.High });

        var titles = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.Api.Tasks.GetAsync(c =>
            {
                c.QueryParameters.ColumnId = [todo];
                c.QueryParameters.Priority = [GetPriorityQueryParameterType.High];
                c.QueryParameters.Sort = GetSortQueryParameterType.Created;
                c.QueryParameters.Limit = 2;
                c.QueryParameters.Cursor = cursor;
            });
            titles.AddRange(page!.Items!.Select(t => t.Title!));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(["Todo 3", "Todo 2", "Todo 1", "Todo 0", "Generated"], titles);

        // Get with its ETag, then If-None-Match: 304, no body.
        var getInspection = Inspect();
        var fetched = await client.Api.Tasks[created.Id!.Value].GetAsync(c => c.Options.Add(getInspection));
        var etag = Header(getInspection, "ETag");
        Assert.Equal($"\"{fetched!.Version}\"", etag);
        var notModified = await client.Api.Tasks[created.Id.Value].GetAsync(c => c.Headers.Add("If-None-Match", etag));
        Assert.Null(notModified);

        // A change based on the current ETag succeeds; the same ETag again is stale: 412 with a typed code.
        var completed = await client.Api.Tasks[created.Id.Value].PatchAsync(new TaskPatch { Completed = true }, c => c.Headers.Add("If-Match", etag));
        Assert.True(completed!.Completed);
        Assert.Equal(myTasks.Columns[2].Id, completed.ColumnId);
        var stale = await Assert.ThrowsAsync<ProblemDetails>(() =>
            client.Api.Tasks[created.Id.Value].PatchAsync(new TaskPatch { Title = "Lost update" }, c => c.Headers.Add("If-Match", etag)));
        Assert.Equal((412, ErrorCode.Precondition_failed), (stale.ResponseStatusCode, stale.Code));

        // A bad body: 400 with the errors per field.
        var invalid = await Assert.ThrowsAsync<ValidationProblemDetails>(() => client.Api.Tasks.PostAsync(new TaskWrite { Title = "" }));
        Assert.Equal(ErrorCode.Validation_failed, invalid.Code);
        Assert.Contains("title", invalid.Errors!.AdditionalData.Keys);

        // Move to In progress, then to the other board, then delete.
        var moved = await client.Api.Tasks[created.Id.Value].Move.PostAsync(new TaskMove { ColumnId = inProgress });
        Assert.Equal((inProgress, false), (moved!.ColumnId, moved.Completed));
        var rehomed = await client.Api.Tasks[created.Id.Value].Move.PostAsync(new TaskMove { ColumnId = home.Columns![2].Id });
        Assert.Equal((home.Id, true), (rehomed!.BoardId, rehomed.Completed));
        await client.Api.Tasks[created.Id.Value].DeleteAsync();
        var gone = await Assert.ThrowsAsync<ProblemDetails>(() => client.Api.Tasks[created.Id.Value].GetAsync());
        Assert.Equal(ErrorCode.Not_found, gone.Code);

        // A personal access token, then that session revoked: the token is refused with session_revoked.
        var token = await client.Api.Tokens.PostAsync(new CreateTokenRequest { Name = "script", ExpiresInDays = 5 });
        Assert.Equal(["tasks:read", "tasks:write"], token!.Session!.Scopes);
        var sessions = await client.Api.Sessions.GetAsync();
        Assert.Contains(sessions!, s => s.Id == token.Session.Id && s.Kind == SessionKind.Token);
        await client.Api.Sessions[token.Session.Id!.Value].DeleteAsync();
        var revoked = await Assert.ThrowsAsync<ProblemDetails>(() => Client(token.Token).Api.Tasks.GetAsync());
        Assert.Equal((401, ErrorCode.Session_revoked), (revoked.ResponseStatusCode, revoked.Code));

        // Sign out: the token stops working.
        await client.Api.Auth.SignOut.PostAsync();
        var signedOut = await Assert.ThrowsAsync<ProblemDetails>(() => client.Api.Auth.Session.GetAsync());
        Assert.Equal(401, signedOut.ResponseStatusCode);

        // The password limit: a 429 with a typed code and Retry-After within the window.
        ProblemDetails? limited = null;
        var limitInspection = Inspect();
        for (var i = 0; i <= KiotaApp.AuthLimit && limited is null; i++)
        {
            try
            {
                await anonymous.Api.Auth.ForgotPassword.PostAsync(new ForgotPasswordRequest { Email = email }, c => c.Options.Add(limitInspection));
            }
            catch (ProblemDetails problem)
            {
                limited = problem;
            }
        }

        Assert.Equal((429, ErrorCode.Rate_limited), (limited!.ResponseStatusCode, limited.Code));
        Assert.NotNull(limited.Type);
        Assert.InRange(int.Parse(Header(limitInspection, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }
}
