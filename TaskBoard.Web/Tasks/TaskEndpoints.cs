using Microsoft.AspNetCore.Http.HttpResults;
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
         "priority":"high","dueAt":"2026-03-01T17:00:00Z","dueDate":null,"tags":["work"],"position":2048,"completed":false,
         "createdAt":"2026-02-20T09:00:00Z","updatedAt":"2026-02-21T10:30:00Z","completedAt":null,"version":3}
        """;

    public static RouteGroupBuilder MapTaskApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tasks").WithTags("Tasks")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/", ListAsync).WithName("ListTasks").RequireScope(Scopes.TasksRead)
            .WithSummary("List your tasks: filter by status, priority, tag, q (text), due (overdue|today|week|none; a due day is read in tz, " +
                "else the profile's zone, else UTC); " +
                "sort by position, due, priority, created or title; page with limit (1-200, default 50) and cursor")
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{TaskExample}}],"nextCursor":"eyJzIjowLCJpIjoi..."}"""));
        group.MapPost("/", CreateAsync).WithName("CreateTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Create a task at the bottom of its column. Due: dueDate (a calendar day) or dueAt (an instant), not both. Send an Idempotency-Key header (a UUID) to make retries safe: " +
                "a repeat returns the task the first request created (Idempotent-Replayed: true); the key reused for a different task is 422")
            .Accepts<TaskWriteRequest>("application/json").ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new ApiExample("""{"title":"Write the report","priority":"high","dueAt":"2026-03-01T17:00:00Z","tags":["work"]}""", TaskExample));
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTask").RequireScope(Scopes.TasksRead)
            .WithSummary("One task, with its ETag; If-None-Match with that ETag answers 304")
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, TaskExample));
        group.MapPatch("/{id:guid}", PatchAsync).WithName("PatchTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Change some fields ({\"completed\": true} completes); If-Match with the ETag refuses a stale write with 412")
            .Accepts<TaskPatchRequest>("application/json").ProducesBodyProblems().ProducesTaskProblems()
            .WithMetadata(new ApiExample("""{"completed":true}""", TaskExample));
        group.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplaceTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Replace every field (omitted ones take their defaults); If-Match as for PATCH")
            .Accepts<TaskWriteRequest>("application/json").ProducesBodyProblems().ProducesTaskProblems()
            .WithMetadata(new ApiExample("""{"title":"Write the report","description":null,"status":"todo","priority":"medium","dueDate":"2026-03-01","tags":[]}""", TaskExample));
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Delete a task; If-Match as for PATCH")
            .ProducesTaskProblems();
        group.MapPost("/{id:guid}/move", MoveAsync).WithName("MoveTask").RequireScope(Scopes.TasksWrite)
            .WithSummary("Move into a column between two neighbours: beforeId sits directly above, afterId directly below; neither = bottom")
            .Accepts<TaskMoveRequest>("application/json").ProducesBodyProblems().ProducesTaskProblems()
            .WithMetadata(new ApiExample("""{"status":"in_progress","beforeId":"01936f6e-0000-7000-8000-000000000001","afterId":null}""", TaskExample));
        return group;
    }

    /// <summary>What any JSON body can get: too large, not JSON, or not parseable.</summary>
    private static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>What any single-task operation can get: no such task (or not yours), or a stale If-Match.</summary>
    private static RouteHandlerBuilder ProducesTaskProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static async Task<Results<Ok<TaskPageResponse>, ValidationProblem>> ListAsync(TaskService tasks, HttpContext http)
    {
        var (query, errors) = TaskQueryReader.Read(http.Request.Query);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var result = await tasks.ListAsync(http.User.UserId(), query, http.RequestAborted);
        return result.IsOk
            ? TypedResults.Ok(new TaskPageResponse([.. result.Value.Items.Select(TaskResponse.From)], result.Value.NextCursor))
            : ApiProblem.Validation(result.Errors);
    }

    /// <summary>Makes a create safe to retry: the same key (per user) returns the task it first created.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(TaskService tasks, HttpContext http)
    {
        var (document, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var (patch, errors) = TaskBodyReader.Read(document!.RootElement, TaskBodyReader.Kind.Create);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }

            var keys = http.Request.Headers[IdempotencyKeyHeader];
            if (keys.Count > 1)
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { [IdempotencyKeyHeader] = ["Send at most one Idempotency-Key."] });
            }

            var result = await tasks.CreateAsync(http.User.UserId(), TaskBodyReader.ToDraft(patch), keys.Count == 1 ? keys[0] : null, http.RequestAborted);
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
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            http.Response.Headers.ETag = ETags.For(result.Value);
            return TypedResults.Created($"/api/tasks/{result.Value.Id}", TaskResponse.From(result.Value));
        }
    }

    private static async Task<Results<Ok<TaskResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(Guid id, TaskService tasks, HttpContext http)
    {
        var task = await tasks.GetAsync(http.User.UserId(), id, http.RequestAborted);
        if (task is null)
        {
            return NotFound();
        }

        http.Response.Headers.ETag = ETags.For(task);
        return ETags.NoneMatchHits(http.Request, task)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(TaskResponse.From(task));
    }

    private static Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(Guid id, TaskService tasks, HttpContext http) =>
        UpdateAsync(id, TaskBodyReader.Kind.Patch, tasks, http);

    private static Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(Guid id, TaskService tasks, HttpContext http) =>
        UpdateAsync(id, TaskBodyReader.Kind.Replace, tasks, http);

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, TaskBodyReader.Kind kind, TaskService tasks, HttpContext http)
    {
        var (document, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var (patch, errors) = TaskBodyReader.Read(document!.RootElement, kind);
            if (errors.Count > 0)
            {
                return ApiProblem.Validation(errors);
            }

            var change = kind == TaskBodyReader.Kind.Replace ? TaskBodyReader.ToReplacement(patch) : patch;
            return Respond(await tasks.UpdateAsync(http.User.UserId(), id, change, ETags.ExpectedVersion(http.Request), http.RequestAborted), http);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, TaskService tasks, HttpContext http)
    {
        var result = await tasks.DeleteAsync(http.User.UserId(), id, ETags.ExpectedVersion(http.Request), http.RequestAborted);
        return result.Outcome switch
        {
            TaskOutcome.Ok => TypedResults.NoContent(),
            TaskOutcome.Conflict => PreconditionFailed(result.Current!, http),
            _ => NotFound(),
        };
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(Guid id, TaskService tasks, HttpContext http)
    {
        var (document, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var (move, errors) = TaskBodyReader.ReadMove(document!.RootElement);
            if (move is null)
            {
                return ApiProblem.Validation(errors);
            }

            return Respond(await tasks.MoveAsync(http.User.UserId(), id, move, ETags.ExpectedVersion(http.Request), http.RequestAborted), http);
        }
    }

    private static Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult> Respond(TaskResult<TaskItem> result, HttpContext http)
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
