using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Boards;

/// <summary><c>/api/boards</c>: a thin adapter over <see cref="BoardService"/>, which does the work and decides who reaches what.</summary>
public static class BoardEndpoints
{
    private const string ColumnExample = """{"id":"01936f6e-0000-7000-8000-00000000c012","boardId":"01936f6e-0000-7000-8000-00000000b0a2","name":"In progress","position":1,"isDone":false,"wipLimit":3,"version":2}""";

    private const string BoardExample = $$"""
        {"id":"01936f6e-0000-7000-8000-00000000b0a2","name":"My tasks","ownerId":"01936f6e-0000-7000-8000-0000000000a1","role":"owner","archived":false,"createdAt":"2026-02-20T09:00:00.000000Z",
         "updatedAt":"2026-02-21T10:30:00.123456Z","archivedAt":null,"version":4,"columns":[{{ColumnExample}}]}
        """;

    public static RouteGroupBuilder MapBoardApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/boards").WithTags("Boards").RequireAuthorization(AuthSetup.ApiPolicy).RequireUserRateLimit();

        group.MapGet("/", ListAsync).WithName("listBoards").RequireScope(Scopes.TasksRead)
            .WithSummary("List your boards")
            .WithDescription("The boards you reach (your own and those shared with you, each with your role), with their columns, oldest first; archived=true lists the archived ones instead. " +
                "Page with limit and cursor: when there are more, nextCursor is set and a Link header names the next page.")
            .ResponseHeaders(StatusCodes.Status200OK, ApiHeaders.Link)
            .Problems(StatusCodes.Status400BadRequest)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{BoardExample}}],"nextCursor":null}"""));
        group.MapPost("/", CreateAsync).WithName("createBoard").RequireScope(Scopes.TasksWrite)
            .WithSummary("Create a board")
            .WithDescription("With the columns given, or To do, In progress and Done (a done column).")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.ETag, ApiHeaders.Location)
            .WithMetadata(new ApiExample("""{"name":"Home","columns":[{"name":"Ideas"},{"name":"Doing","wipLimit":2},{"name":"Done","isDone":true}]}""", BoardExample));
        group.MapGet("/{id:guid}", GetAsync).WithName("getBoard").RequireScope(Scopes.TasksRead)
            .WithSummary("Get a board")
            .WithDescription("One board with its columns, and its ETag (which changes when the board or any of its columns does). " +
                "If-None-Match with that ETag answers 304 Not Modified without a body.")
            .ReadsOne()
            .WithMetadata(new ApiExample(null, BoardExample));
        group.MapPatch("/{id:guid}", PatchAsync).WithName("patchBoard").RequireScope(Scopes.TasksWrite)
            .WithSummary("Rename, archive or restore a board")
            .WithDescription("Only the fields present change. If-Match with the board's ETag refuses a stale write with 412 precondition_failed.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"archived":true}""", BoardExample));
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("deleteBoard").RequireScope(Scopes.TasksWrite)
            .WithSummary("Delete a board for good")
            .WithDescription("Deletes the board with its columns and tasks. confirm must be the board's name, exactly. If-Match as for PATCH.")
            .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        group.MapGet("/{id:guid}/columns", ListColumnsAsync).WithName("listColumns").RequireScope(Scopes.TasksRead)
            .WithSummary("List a board's columns")
            .WithDescription($"Left to right. A board has at most {Board.MaxColumns} columns, so this is always one page.")
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample(null, $$"""{"items":[{{ColumnExample}}]}"""));
        group.MapPost("/{id:guid}/columns", CreateColumnAsync).WithName("createColumn").RequireScope(Scopes.TasksWrite)
            .WithSummary("Add a column")
            .WithDescription("At the right end of the board.")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.ETag, ApiHeaders.Location)
            .Problems(StatusCodes.Status404NotFound)
            .WithMetadata(new ApiExample("""{"name":"Review","wipLimit":3}""", ColumnExample));
        group.MapGet("/{id:guid}/columns/{columnId:guid}", GetColumnAsync).WithName("getColumn").RequireScope(Scopes.TasksRead)
            .WithSummary("Get a column")
            .WithDescription("One column, with its ETag. If-None-Match with that ETag answers 304 Not Modified without a body.")
            .ReadsOne()
            .WithMetadata(new ApiExample(null, ColumnExample));
        group.MapPatch("/{id:guid}/columns/{columnId:guid}", PatchColumnAsync).WithName("patchColumn").RequireScope(Scopes.TasksWrite)
            .WithSummary("Rename a column, mark it done or not, or set its WIP limit")
            .WithDescription("Only the fields present change. Marking a column done completes its tasks; unmarking reopens them. " +
                "If-Match with the column's ETag refuses a stale write with 412.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"wipLimit":null}""", ColumnExample));
        group.MapDelete("/{id:guid}/columns/{columnId:guid}", DeleteColumnAsync).WithName("deleteColumn").RequireScope(Scopes.TasksWrite)
            .WithSummary("Delete a column")
            .WithDescription("A column that holds tasks needs moveTasksTo, another column of the board: its tasks go to that column's bottom, in their order. " +
                "A board keeps one column at least. If-Match as for PATCH.")
            .ResponseHeaders(StatusCodes.Status412PreconditionFailed, ApiHeaders.ETag)
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:guid}/columns/{columnId:guid}/move", MoveColumnAsync).WithName("moveColumn").RequireScope(Scopes.TasksWrite)
            .WithSummary("Move a column")
            .WithDescription("Between the column to its left (beforeId) and the one to its right (afterId); neither: the right end. If-Match as for PATCH.")
            .ChangesOne()
            .WithMetadata(new ApiExample("""{"beforeId":null,"afterId":"01936f6e-0000-7000-8000-00000000c011"}""", ColumnExample));
        return group;
    }

    private static async Task<Results<Ok<BoardPageResponse>, ProblemHttpResult>> ListAsync(Query<BoardQueries, BoardQuery> query, BoardService boards, HttpContext http)
    {
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var result = await boards.ListAsync(http.User.UserId(), query.Value, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.Validation(result.Errors);
        }

        ApiHeaders.LinkNext(http, result.Value.NextCursor);
        return TypedResults.Ok(new BoardPageResponse([.. result.Value.Items.Select(BoardResponse.From)], result.Value.NextCursor));
    }

    private static async Task<Results<Created<BoardResponse>, ProblemHttpResult>> CreateAsync(
        Body<BoardBodies.CreateBoard, BoardDraft> body, BoardService boards, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await boards.CreateAsync(http.User.UserId(), body.Value, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "board", http);
        }

        http.Response.Headers.ETag = ETags.For(result.Value);
        return TypedResults.Created($"/api/boards/{result.Value.Id}", BoardResponse.From(result.Value));
    }

    private static async Task<Results<Ok<BoardResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, BoardService boards, HttpContext http) =>
        ApiProblem.OkOrNotModified(await boards.GetAsync(http.User.UserId(), id, http.RequestAborted), "board", ifNoneMatch, BoardResponse.From, http);

    private static async Task<Results<Ok<BoardResponse>, ProblemHttpResult>> PatchAsync(
        Guid id, Body<BoardBodies.PatchBoard, BoardPatch> body, [FromHeader(Name = "If-Match")] string? ifMatch, BoardService boards, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(await boards.UpdateAsync(http.User.UserId(), id, body.Value, ETags.ExpectedVersion(ifMatch), http.RequestAborted), "board", BoardResponse.From, http);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, string? confirm, [FromHeader(Name = "If-Match")] string? ifMatch, BoardService boards, HttpContext http)
    {
        var result = await boards.DeleteAsync(http.User.UserId(), id, confirm, ETags.ExpectedVersion(ifMatch), http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "board", http);
    }

    private static async Task<Results<Ok<ColumnListResponse>, ProblemHttpResult>> ListColumnsAsync(Guid id, BoardService boards, HttpContext http)
    {
        var board = await boards.GetAsync(http.User.UserId(), id, http.RequestAborted);
        return board is null
            ? ApiProblem.NotFound("board")
            : TypedResults.Ok(new ColumnListResponse([.. board.Columns.Select(ColumnResponse.From)]));
    }

    private static async Task<Results<Created<ColumnResponse>, ProblemHttpResult>> CreateColumnAsync(
        Guid id, Body<BoardBodies.CreateColumn, ColumnDraft> body, BoardService boards, HttpContext http)
    {
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await boards.AddColumnAsync(http.User.UserId(), id, body.Value, http.RequestAborted);
        if (!result.IsOk)
        {
            return ApiProblem.ForFailure(result, "board", http);
        }

        http.Response.Headers.ETag = ETags.For(result.Value);
        return TypedResults.Created($"/api/boards/{id}/columns/{result.Value.Id}", ColumnResponse.From(result.Value));
    }

    private static async Task<Results<Ok<ColumnResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetColumnAsync(
        Guid id, Guid columnId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, BoardService boards, HttpContext http)
    {
        var board = await boards.GetAsync(http.User.UserId(), id, http.RequestAborted);
        return board is null
            ? ApiProblem.NotFound("board")
            : ApiProblem.OkOrNotModified(board.Columns.FirstOrDefault(c => c.Id == columnId), "column", ifNoneMatch, ColumnResponse.From, http);
    }

    private static async Task<Results<Ok<ColumnResponse>, ProblemHttpResult>> PatchColumnAsync(
        Guid id, Guid columnId, Body<BoardBodies.PatchColumn, ColumnPatch> body, [FromHeader(Name = "If-Match")] string? ifMatch, BoardService boards, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(
            await boards.UpdateColumnAsync(http.User.UserId(), id, columnId, body.Value, ETags.ExpectedVersion(ifMatch), http.RequestAborted), "column", ColumnResponse.From, http);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteColumnAsync(
        Guid id, Guid columnId, string? moveTasksTo, [FromHeader(Name = "If-Match")] string? ifMatch, BoardService boards, HttpContext http)
    {
        Guid? target = null;
        if (moveTasksTo is not null)
        {
            if (!Guid.TryParse(moveTasksTo, out var parsed))
            {
                return ApiProblem.Validation(new Dictionary<string, string[]> { ["moveTasksTo"] = ["Move tasks to must be a column's id."] });
            }

            target = parsed;
        }

        var result = await boards.DeleteColumnAsync(http.User.UserId(), id, columnId, target, ETags.ExpectedVersion(ifMatch), http.RequestAborted);
        return result.IsOk ? TypedResults.NoContent() : ApiProblem.ForFailure(result, "column", http);
    }

    private static async Task<Results<Ok<ColumnResponse>, ProblemHttpResult>> MoveColumnAsync(
        Guid id, Guid columnId, Body<BoardBodies.MoveColumn, ColumnMove> body, [FromHeader(Name = "If-Match")] string? ifMatch, BoardService boards, HttpContext http) =>
        body.Problem ?? ApiProblem.OkOrProblem(
            await boards.MoveColumnAsync(http.User.UserId(), id, columnId, body.Value, ETags.ExpectedVersion(ifMatch), http.RequestAborted), "column", ColumnResponse.From, http);
}
