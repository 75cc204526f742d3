using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Tasks;

/// <summary>
/// A task's comments (<c>/api/tasks/{id}/comments</c>) and history (<c>/api/tasks/{id}/activity</c>): thin
/// adapters over <see cref="CommentService"/> and <see cref="ActivityService"/>, which decide who may do what.
/// </summary>
public static class TaskDiscussionEndpoints
{
    private const string CommentExample = """
        {"id":"01936f6e-0000-7000-8000-00000000c0a1","taskId":"01936f6e-7a2b-7c3d-9e4f-5a6b7c8d9e0f","authorId":"01936f6e-0000-7000-8000-0000000000a2",
         "authorName":"Sam","body":"The numbers for March are in.","edited":false,"createdAt":"2026-02-21T10:30:00.123456Z","updatedAt":"2026-02-21T10:30:00.123456Z","version":1}
        """;

    private const string ActivityExample = """
        {"id":"01936f6e-0000-7000-8000-00000000ac01","taskId":"01936f6e-7a2b-7c3d-9e4f-5a6b7c8d9e0f","actorId":"01936f6e-0000-7000-8000-0000000000a2",
         "actorName":"Sam","kind":"moved","at":"2026-02-21T10:30:00.123456Z","details":{"fromColumn":"To do","toColumn":"In progress"}}
        """;

    public static RouteGroupBuilder MapTaskDiscussionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/tasks/{id:guid}").WithTags("Tasks").RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit();

        group.MapGet("/comments", ListCommentsAsync).WithName("listComments").RequireScope(Scopes.TasksRead)
            .WithSummary("List a task's comments")
            .WithDescription("Oldest first; everyone on the board may read them. Page with limit and cursor.")
            .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.Link)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{CommentExample}}],"nextCursor":null}"""));
        group.MapPost("/comments", CreateCommentAsync).WithName("createComment").RequireScope(Scopes.TasksWrite)
            .WithSummary("Comment on a task")
            .WithDescription($"Plain text up to {TaskComment.BodyMaxLength} characters (owners and editors). Every open copy of the board hears of it.")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.ETag, ApiHeaders.Location)
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample("""{"body":"The numbers for March are in."}""", CommentExample));
        group.MapGet("/comments/{commentId:guid}", GetCommentAsync).WithName("getComment").RequireScope(Scopes.TasksRead)
            .WithSummary("Get a comment")
            .WithDescription("One comment, with its ETag. If-None-Match with that ETag answers 304 Not Modified without a body.")
            .ReadsOne()
            .WithMetadata(new ApiExample(null, CommentExample));
        group.MapPatch("/comments/{commentId:guid}", PatchCommentAsync).WithName("patchComment").RequireScope(Scopes.TasksWrite)
            .WithSummary("Change your comment")
            .WithDescription("Only its author changes a comment. If-Match with its ETag refuses a stale write with 412.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"body":"The numbers for March and April are in."}""", CommentExample));
        group.MapDelete("/comments/{commentId:guid}", DeleteCommentAsync).WithName("deleteComment").RequireScope(Scopes.TasksWrite)
            .WithSummary("Delete a comment")
            .WithDescription("Its author, or the board's owner, deletes a comment. If-Match as for PATCH.")
            .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        group.MapGet("/activity", ListActivityAsync).WithName("listActivity").RequireScope(Scopes.TasksRead)
            .WithSummary("A task's history")
            .WithDescription("Who did what to the task, newest first: created, renamed, edited (details.fields), moved (fromColumn, toColumn; " +
                "fromBoard, toBoard across boards), completed, reopened, assigned and unassigned (userId, name), commented (commentId), restored. " +
                "Names are as they were then. Page with limit and cursor.")
            .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.Link)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{ActivityExample}}],"nextCursor":null}"""));
        return group;
    }

    private static async Task<Results<Ok<CommentPageResponse>, ProblemHttpResult>> ListCommentsAsync(
        Guid id, Query<TimeQueries, TimeQuery> query, CommentService comments, HttpContext http)
    {
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var result = await comments.ListAsync(http.User.UserId(), id, query.Value, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "task", http);
        }

        ApiHeaders.LinkNext(http, result.Value.NextCursor);
        return TypedResults.Ok(new CommentPageResponse([.. result.Value.Items.Select(CommentResponse.From)], result.Value.NextCursor));
    }

    private static async Task<Results<Created<CommentResponse>, ProblemHttpResult>> CreateCommentAsync(
        Guid id, Body<CommentBodies.Write, CommentBodies.CommentFields> body, CommentService comments, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await comments.AddAsync(http.User.UserId(), id, body.Value.Body, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "task", http);
        }

        http.Response.Headers.ETag = ETags.For(result.Value);
        return TypedResults.Created($"/api/tasks/{id}/comments/{result.Value.Id}", CommentResponse.From(result.Value));
    }

    private static async Task<Results<Ok<CommentResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetCommentAsync(
        Guid id, Guid commentId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, CommentService comments, HttpContext http)
    {
        var result = await comments.GetAsync(http.User.UserId(), id, commentId, http.RequestAborted);
        return result.Outcome == WriteOutcome.NotFound && result.Missing is null
            ? ApiProblem.NotFound("task")
            : ApiProblem.OkOrNotModified(result.Value, "comment", ifNoneMatch, CommentResponse.From, http);
    }

    private static async Task<Results<Ok<CommentResponse>, ProblemHttpResult>> PatchCommentAsync(
        Guid id, Guid commentId, Body<CommentBodies.Change, CommentBodies.CommentFields> body, [FromHeader(Name = "If-Match")] string? ifMatch,
        CommentService comments, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(
            await comments.EditAsync(http.User.UserId(), id, commentId, body.Value.Body, ETags.ExpectedVersion(ifMatch), http.RequestAborted), "task", CommentResponse.From, http);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCommentAsync(
        Guid id, Guid commentId, [FromHeader(Name = "If-Match")] string? ifMatch, CommentService comments, HttpContext http)
    {
        var result = await comments.DeleteAsync(http.User.UserId(), id, commentId, ETags.ExpectedVersion(ifMatch), http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "task", http);
    }

    private static async Task<Results<Ok<ActivityPageResponse>, ProblemHttpResult>> ListActivityAsync(
        Guid id, Query<TimeQueries, TimeQuery> query, ActivityService activity, HttpContext http)
    {
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var result = await activity.ListAsync(http.User.UserId(), id, query.Value, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "task", http);
        }

        ApiHeaders.LinkNext(http, result.Value.NextCursor);
        return TypedResults.Ok(new ActivityPageResponse([.. result.Value.Items.Select(ActivityResponse.From)], result.Value.NextCursor));
    }
}
