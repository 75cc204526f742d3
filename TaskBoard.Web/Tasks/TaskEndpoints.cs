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
        {"id":"01936f6e-7a2b-7c3d-9e4f-5a6b7c8d9e0f","title":"Write the report","description":"Q1 numbers","status":"in_progress",
         "priority":"high","dueAt":"2026-03-01T17:00:00.000000Z","dueDate":null,"tags":["work"],"position":2048,"completed":false,
         "createdAt":"2026-02-20T09:00:00.000000Z","updatedAt":"2026-02-21T10:30:00.123456Z","completedAt":null,"version":3}
        """;

    public static RouteGroupBuilder MapTaskApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit();

        group.MapGet("/", ListAsync).WithName("listTasks").RequireScope(Scopes.TasksRead)
            .WithSummary("List your tasks")
            .WithDescription("Filter by status, priority, tag, text (q) and due window (a due day is read in tz, else the profile's zone, else UTC); " +
                "sort by position, due, priority, created or title; page with limit and cursor. Every bad parameter is reported at once. " +
                "When there are more, nextCursor is set and a Link header names the next page (rel=\"next\").")
            .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.Link)
            .Problems(StatusCodes.Status400BadRequest)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{TaskExample}}],"nextCursor":"eyJzIjowLCJpIjoi..."}"""));
        group.MapPost("/", CreateAsync).WithName("createTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Create a task")
            .WithDescription("The task goes to the bottom of its column. Due: dueDate (a calendar day) or dueAt (an instant), not both. " +
                "Send an Idempotency-Key to make retries safe: a repeat returns the task the first request created, with Idempotent-Replayed: true; " +
                "the key reused for a different task is 422 idempotency_key_reused.")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.ETag, ApiHeaders.Location, ApiHeaders.IdempotentReplayed)
            .Problems(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new ApiExample("""{"title":"Write the report","priority":"high","dueAt":"2026-03-01T17:00:00Z","tags":["work"]}""", TaskExample));
        group.MapGet("/{id:guid}", GetAsync).WithName("getTask").RequireScope(Scopes.TasksRead)
            .WithSummary("Get a task")
            .WithDescription("One task, with its ETag. If-None-Match with that ETag answers 304 Not Modified without a body.")
            .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.ETag)
            .ResponseHeaders(StatusCodes.Status304NotModified, ApiHeaders.ETag)
            .Produces(StatusCodes.Status304NotModified)
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, TaskExample));
        group.MapPatch("/{id:guid}", PatchAsync).WithName("patchTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Change some fields of a task")
            .WithDescription("Only the fields present change ({\"completed\": true} completes). As JSON or JSON merge patch. " +
                "If-Match with the task's ETag refuses a stale write with 412 precondition_failed, which carries the current ETag.")
            .ChangesATask()
            .WithMetadata(new ApiExample("""{"completed":true}""", TaskExample));
        group.MapPut("/{id:guid}", ReplaceAsync).WithName("replaceTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Replace a task")
            .WithDescription("Every field is replaced: omitted ones take their defaults. If-Match as for PATCH.")
            .ChangesATask()
            .WithMetadata(new ApiExample("""{"title":"Write the report","description":null,"status":"todo","priority":"medium","dueDate":"2026-03-01","tags":[]}""", TaskExample));
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("deleteTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Delete a task")
            .WithDescription("Deletes the task for good. If-Match as for PATCH.")
            .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:guid}/move", MoveAsync).WithName("moveTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Move a task")
            .WithDescription("Into a column between two neighbours: beforeId will sit directly above it, afterId directly below; neither: the bottom. " +
                "If-Match as for PATCH.")
            .ChangesATask()
            .WithMetadata(new ApiExample("""{"status":"in_progress","beforeId":"01936f6e-0000-7000-8000-000000000001","afterId":null}""", TaskExample));
        return group;
    }

    /// <summary>What a write to one task answers besides its body: the new ETag, or 404, or 412 with the current ETag.</summary>
    private static RouteHandlerBuilder ChangesATask(this RouteHandlerBuilder builder) => builder
        .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.ETag)
        .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
        .Problems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

    private static async Task<Results<Ok<TaskPageResponse>, ProblemHttpResult>> ListAsync(TaskListQuery query, TaskService tasks, HttpContext http)
    {
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var result = await tasks.ListAsync(http.User.UserId(), query.Value, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.Validation(result.Errors);
        }

        if (result.Value.NextCursor is { } next)
        {
            http.Response.Headers.Link = ApiHeaders.NextLink(http.Request, next);
        }

        return TypedResults.Ok(new TaskPageResponse([.. result.Value.Items.Select(TaskResponse.From)], result.Value.NextCursor));
    }

    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult>> CreateAsync(
        TaskWriteBody body, [FromHeader(Name = ApiHeaders.IdempotencyKey)] string? idempotencyKey, TaskService tasks, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await tasks.CreateAsync(http.User.UserId(), TaskBodies.ToDraft(body.Value), idempotencyKey, http.RequestAborted);
        if (result.Outcome == TaskOutcome.KeyReused)
        {
            return ApiProblem.Result(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        }

        if (!result.IsOk)
        {
            return ApiProblem.Validation(result.Errors);
        }

        if (result.Replayed)
        {
            http.Response.Headers[ApiHeaders.IdempotentReplayed] = "true";
        }

        http.Response.Headers.ETag = ETags.For(result.Value);
        return TypedResults.Created($"/api/tasks/{result.Value.Id}", TaskResponse.From(result.Value));
    }

    private static async Task<Results<Ok<TaskResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, TaskService tasks, HttpContext http)
    {
        var task = await tasks.GetAsync(http.User.UserId(), id, http.RequestAborted);
        if (task is null)
        {
            return NotFound();
        }

        http.Response.Headers.ETag = ETags.For(task);
        return ETags.NoneMatchHits(ifNoneMatch, task)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(TaskResponse.From(task));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> PatchAsync(
        Guid id, TaskPatchBody body, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http) =>
        body.Problem ?? Respond(await tasks.UpdateAsync(http.User.UserId(), id, body.Value, ETags.ExpectedVersion(ifMatch), http.RequestAborted), http);

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, TaskWriteBody body, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http) =>
        body.Problem ?? Respond(
            await tasks.UpdateAsync(http.User.UserId(), id, TaskBodies.ToReplacement(body.Value), ETags.ExpectedVersion(ifMatch), http.RequestAborted), http);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http)
    {
        var result = await tasks.DeleteAsync(http.User.UserId(), id, ETags.ExpectedVersion(ifMatch), http.RequestAborted);
        return result.Outcome switch
        {
            TaskOutcome.Ok => TypedResults.NoContent(),
            TaskOutcome.Conflict => PreconditionFailed(result.Current!, http),
            _ => NotFound(),
        };
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> MoveAsync(
        Guid id, TaskMoveBody body, [FromHeader(Name = "If-Match")] string? ifMatch, TaskService tasks, HttpContext http) =>
        body.Problem ?? Respond(await tasks.MoveAsync(http.User.UserId(), id, body.Value!, ETags.ExpectedVersion(ifMatch), http.RequestAborted), http);

    private static Results<Ok<TaskResponse>, ProblemHttpResult> Respond(TaskResult<TaskItem> result, HttpContext http)
    {
        switch (result.Outcome)
        {
            case TaskOutcome.Ok:
                http.Response.Headers.ETag = ETags.For(result.Value!);
                return TypedResults.Ok(TaskResponse.From(result.Value!));
            case TaskOutcome.Invalid:
                return ApiProblem.Validation(result.Errors);
            case TaskOutcome.Conflict:
                return PreconditionFailed(result.Current!, http);
            default:
                return NotFound();
        }
    }

    /// <summary>Stale If-Match: 412, with the current ETag so the client can reload and retry.</summary>
    private static ProblemHttpResult PreconditionFailed(TaskItem current, HttpContext http)
    {
        http.Response.Headers.ETag = ETags.For(current);
        return ApiProblem.Result(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed);
    }

    /// <summary>The same answer for a task that does not exist and one that belongs to someone else.</summary>
    private static ProblemHttpResult NotFound() =>
        ApiProblem.Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "There is no task with that id.");
}
