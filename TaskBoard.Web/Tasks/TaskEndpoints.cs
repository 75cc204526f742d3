using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Tasks;

/// <summary><c>/api/tasks</c>: a thin adapter over <see cref="TaskService"/>, which does the work and the isolation.</summary>
public static class TaskEndpoints
{
    private const string TaskExample = """
        {"id":"01936f6e-7a2b-7c3d-9e4f-5a6b7c8d9e0f","title":"Write the report","description":"Q1 numbers",
         "boardId":"01936f6e-0000-7000-8000-00000000b0a2","columnId":"01936f6e-0000-7000-8000-00000000c012",
         "priority":"high","dueAt":"2026-03-01T17:00:00.000000Z","dueDate":null,"tags":["work"],"assigneeIds":["01936f6e-0000-7000-8000-0000000000a1"],
         "createdBy":"01936f6e-0000-7000-8000-0000000000a1","updatedBy":"01936f6e-0000-7000-8000-0000000000a2","position":2048,"completed":false,
         "createdAt":"2026-02-20T09:00:00.000000Z","updatedAt":"2026-02-21T10:30:00.123456Z","completedAt":null,"version":3}
        """;

    public static RouteGroupBuilder MapTaskApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit();

        group.MapGet("/", ListAsync).WithName("listTasks").RequireScope(Scopes.TasksRead)
            .WithSummary("List your tasks")
            .WithDescription("Filter by board, column, completion, assignee (assignee=me: assigned to you on every board you reach), priority, tag, text (q) and due window (a due day is read in tz, else the profile's zone, else UTC); " +
                "sort by position, due, priority, created or title; page with limit and cursor. Every bad parameter is reported at once. " +
                "When there are more, nextCursor is set and a Link header names the next page (rel=\"next\").")
            .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.Link)
            .Problems(StatusCodes.Status400BadRequest)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{TaskExample}}],"nextCursor":"eyJzIjowLCJpIjoi..."}"""));
        group.MapPost("/", CreateAsync).WithName("createTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Create a task")
            .WithDescription("The task goes to the bottom of its column: columnId; else the first column of boardId (default: your default board), " +
                "or with completed its first column that is or is not done. Due: dueDate (a calendar day) or dueAt (an instant), not both. " +
                "Send an Idempotency-Key to make retries safe: a repeat returns the task the first request created, with Idempotent-Replayed: true; " +
                "the key reused for a different task is 422 idempotency_key_reused.")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.ETag, ApiHeaders.Location, ApiHeaders.IdempotentReplayed)
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new ApiExample("""{"title":"Write the report","priority":"high","dueAt":"2026-03-01T17:00:00Z","tags":["work"]}""", TaskExample));
        group.MapGet("/{id:guid}", GetAsync).WithName("getTask").RequireScope(Scopes.TasksRead)
            .WithSummary("Get a task")
            .WithDescription("One task, with its ETag. If-None-Match with that ETag answers 304 Not Modified without a body.")
            .ReadsOne()
            .WithMetadata(new ApiExample(null, TaskExample));
        group.MapPatch("/{id:guid}", PatchAsync).WithName("patchTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Change some fields of a task")
            .WithDescription("Only the fields present change ({\"completed\": true} completes; columnId or boardId move it to the bottom there). As JSON or JSON merge patch. " +
                "If-Match with the task's ETag refuses a stale write with 412 precondition_failed, which carries the current ETag.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"completed":true}""", TaskExample));
        group.MapPut("/{id:guid}", ReplaceAsync).WithName("replaceTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Replace a task")
            .WithDescription("Every field is replaced: omitted ones take their defaults, except where the task stands (boardId, columnId, completed), which changes only when named. If-Match as for PATCH.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"title":"Write the report","description":null,"priority":"medium","dueDate":"2026-03-01","tags":[]}""", TaskExample));
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("deleteTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Delete a task")
            .WithDescription("Deletes the task for good. If-Match as for PATCH.")
            .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:guid}/move", MoveAsync).WithName("moveTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Move a task")
            .WithDescription("Into a column of any board you reach, between two neighbours: beforeId will sit directly above it, afterId directly below; neither: the bottom. " +
                "A done column completes the task, any other reopens it. If-Match as for PATCH.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"columnId":"01936f6e-0000-7000-8000-00000000c012","beforeId":"01936f6e-0000-7000-8000-000000000001","afterId":null}""", TaskExample));
        return group;
    }

    private static async Task<Results<Ok<TaskPageResponse>, ProblemHttpResult>> ListAsync(Query<TaskQueries, TaskQuery> query, TaskService tasks, HttpContext http)
    {
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var userId = http.User.UserId();
        var result = await tasks.ListAsync(userId, TaskQueries.ForCaller(query.Value, userId), http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.Validation(result.Errors);
        }

        ApiHeaders.LinkNext(http, result.Value.NextCursor);
        return TypedResults.Ok(new TaskPageResponse([.. result.Value.Items.Select(TaskResponse.From)], result.Value.NextCursor));
    }

    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult>> CreateAsync(
        Body<TaskBodies.WriteBody, TaskPatch> body, [FromHeader(Name = ApiHeaders.IdempotencyKey)] string? idempotencyKey, TaskService tasks, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await tasks.CreateAsync(http.User.UserId(), TaskBodies.ToDraft(body.Value), idempotencyKey, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "task", http);
        }

        if (result.Replayed)
        {
            http.Response.Headers[ApiHeaders.IdempotentReplayed] = "true";
        }

        http.Response.Headers.ETag = ETags.For(result.Value);
        return TypedResults.Created($"/api/tasks/{result.Value.Id}", TaskResponse.From(result.Value));
    }

    private static async Task<Results<Ok<TaskResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, TaskService tasks, HttpContext http) =>
        ApiProblem.OkOrNotModified(await tasks.GetAsync(http.User.UserId(), id, http.RequestAborted), "task", ifNoneMatch, TaskResponse.From, http);

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> PatchAsync(
        Guid id, Body<TaskBodies.PatchBody, TaskPatch> body, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(await tasks.UpdateAsync(http.User.UserId(), id, body.Value, ETags.ExpectedVersion(ifMatch), http.RequestAborted), "task", TaskResponse.From, http);

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, Body<TaskBodies.WriteBody, TaskPatch> body, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(
            await tasks.UpdateAsync(http.User.UserId(), id, TaskBodies.ToReplacement(body.Value), ETags.ExpectedVersion(ifMatch), http.RequestAborted), "task", TaskResponse.From, http);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http)
    {
        var result = await tasks.DeleteAsync(http.User.UserId(), id, ETags.ExpectedVersion(ifMatch), http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "task", http);
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> MoveAsync(
        Guid id, Body<TaskBodies.MoveBody, TaskBodies.MoveFields> body, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(await tasks.MoveAsync(
            http.User.UserId(), id, new TaskMove(body.Value.ColumnId!.Value, body.Value.BeforeId, body.Value.AfterId), ETags.ExpectedVersion(ifMatch), http.RequestAborted), "task", TaskResponse.From, http);
}
