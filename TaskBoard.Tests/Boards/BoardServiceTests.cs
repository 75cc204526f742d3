using TaskBoard.Data.Boards;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Boards;

public sealed class PostgresBoardServiceTests(PostgresDatabase database) : BoardServiceTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteBoardServiceTests(SqliteDatabase database) : BoardServiceTests(database), IClassFixture<SqliteDatabase>;

/// <summary>Boards and columns, and what they mean for tasks, run once per provider.</summary>
public abstract class BoardServiceTests(TestDatabase database)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Noon);
    private readonly TaskChangeFeed feed = new(Microsoft.Extensions.Logging.Abstractions.NullLogger<TaskChangeFeed>.Instance, new TaskBoard.Data.Changes.NoOtherInstances());

    private BoardService Boards => new(database.Factory, clock, feed);

    private TaskService Tasks => new(database.Factory, clock, feed);

    private async Task<Board> CreateBoardAsync(Guid user, string name, params string[] columns)
    {
        // Boards list oldest first: each is made a moment after the one before.
        clock.Now = clock.Now.AddSeconds(1);
        var result = await Boards.CreateAsync(user, new BoardDraft(name, columns.Length == 0 ? null : [.. columns.Select(c => new ColumnDraft(c, IsDone: c == "Done"))]));
        Assert.True(result.IsOk, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return result.Value;
    }

    private async Task<List<string>> ColumnNamesAsync(Guid user, Guid boardId) =>
        [.. (await Boards.GetAsync(user, boardId))!.Columns.Select(c => $"{c.Position}:{c.Name}")];

    private async Task<TaskItem> AddTaskAsync(Guid user, Guid columnId, string title) =>
        (await Tasks.CreateAsync(user, new TaskDraft(title, ColumnId: columnId))).Value!;

    private async Task<List<string>> TitlesAsync(Guid user, Guid columnId) =>
        [.. (await Tasks.ListAsync(user, new TaskQuery { ColumnIds = [columnId], Limit = TaskQuery.MaxLimit })).Value!.Items.Select(t => t.Title)];

    [Fact]
    public async Task ANewBoardHasTheDefaultColumnsOrThoseGivenAndAnAccountItsDefaultBoardOnce()
    {
        var user = await database.CreateUserAsync();
        await Boards.CreateDefaultAsync(user);
        await Boards.CreateDefaultAsync(user);
        var defaults = Assert.Single((await Boards.ListAsync(user, new BoardQuery())).Value!.Items);
        Assert.Equal((Board.DefaultName, 1), (defaults.Name, defaults.Version));
        Assert.Equal([("To do", false), ("In progress", false), ("Done", true)], defaults.Columns.Select(c => (c.Name, c.IsDone)));

        var custom = await Boards.CreateAsync(user, new BoardDraft("  Home  ", [new ColumnDraft("Someday"), new ColumnDraft("Doing", WipLimit: 2)]));
        Assert.Equal("Home", custom.Value!.Name);
        Assert.Equal(["0:Someday", "1:Doing"], await ColumnNamesAsync(user, custom.Value.Id));
        Assert.Equal([null, 2], (await Boards.GetAsync(user, custom.Value.Id))!.Columns.Select(c => c.WipLimit));
    }

    [Fact]
    public async Task BadBoardsAndColumnsAreRefusedPerField()
    {
        var user = await database.CreateUserAsync();
        var board = await CreateBoardAsync(user, "Work");
        var column = board.Columns[0];

        Assert.Contains("name", (await Boards.CreateAsync(user, new BoardDraft(" "))).Errors.Keys);
        Assert.Contains("name", (await Boards.CreateAsync(user, new BoardDraft(new string('b', Board.NameMaxLength + 1)))).Errors.Keys);
        Assert.Contains("columns", (await Boards.CreateAsync(user, new BoardDraft("Empty", []))).Errors.Keys);
        Assert.Contains("columns", (await Boards.CreateAsync(user, new BoardDraft("Wide", [.. Enumerable.Range(0, Board.MaxColumns + 1).Select(i => new ColumnDraft($"c{i}"))]))).Errors.Keys);
        Assert.Contains("columns[1].name", (await Boards.CreateAsync(user, new BoardDraft("Bad", [new ColumnDraft("ok"), new ColumnDraft("two\nlines")]))).Errors.Keys);
        Assert.Contains("name", (await Boards.AddColumnAsync(user, board.Id, new ColumnDraft(new string('c', BoardColumn.NameMaxLength + 1)))).Errors.Keys);
        Assert.Contains("wipLimit", (await Boards.AddColumnAsync(user, board.Id, new ColumnDraft("Zero", WipLimit: 0))).Errors.Keys);
        Assert.Contains("wipLimit", (await Boards.UpdateColumnAsync(user, board.Id, column.Id, new ColumnPatch { WipLimit = -3 })).Errors.Keys);
        Assert.Contains("name", (await Boards.UpdateAsync(user, board.Id, new BoardPatch { Name = "" })).Errors.Keys);
        Assert.Equal(["0:To do", "1:In progress", "2:Done"], await ColumnNamesAsync(user, board.Id));
        Assert.Equal(1, (await Boards.GetAsync(user, board.Id))!.Version);
    }

    [Fact]
    public async Task ColumnsAreAddedRenamedAndReorderedAndEachChangeMovesTheBoardsVersionOn()
    {
        var user = await database.CreateUserAsync();
        var board = await CreateBoardAsync(user, "Work");
        var (todo, doing, done) = (board.Columns[0], board.Columns[1], board.Columns[2]);

        var review = (await Boards.AddColumnAsync(user, board.Id, new ColumnDraft("Review", WipLimit: 3))).Value!;
        Assert.Equal(["0:To do", "1:In progress", "2:Done", "3:Review"], await ColumnNamesAsync(user, board.Id));

        Assert.True((await Boards.MoveColumnAsync(user, board.Id, review.Id, new ColumnMove(doing.Id, done.Id))).IsOk);
        Assert.Equal(["0:To do", "1:In progress", "2:Review", "3:Done"], await ColumnNamesAsync(user, board.Id));
        Assert.True((await Boards.MoveColumnAsync(user, board.Id, done.Id, new ColumnMove(AfterId: todo.Id))).IsOk);
        Assert.Equal(["0:Done", "1:To do", "2:In progress", "3:Review"], await ColumnNamesAsync(user, board.Id));
        Assert.True((await Boards.MoveColumnAsync(user, board.Id, done.Id, new ColumnMove())).IsOk);
        Assert.Equal(["0:To do", "1:In progress", "2:Review", "3:Done"], await ColumnNamesAsync(user, board.Id));

        Assert.Contains("afterId", (await Boards.MoveColumnAsync(user, board.Id, review.Id, new ColumnMove(todo.Id, done.Id))).Errors.Keys);
        Assert.Contains("beforeId", (await Boards.MoveColumnAsync(user, board.Id, review.Id, new ColumnMove(review.Id))).Errors.Keys);
        var elsewhere = await CreateBoardAsync(user, "Elsewhere");
        Assert.Contains("beforeId", (await Boards.MoveColumnAsync(user, board.Id, review.Id, new ColumnMove(elsewhere.Columns[0].Id))).Errors.Keys);

        // Each move that shifted it moved its version on too.
        var current = (await Boards.GetAsync(user, board.Id))!.Columns.Single(c => c.Id == review.Id);
        Assert.Equal(4, current.Version);
        var renamed = await Boards.UpdateColumnAsync(user, board.Id, review.Id, new ColumnPatch { Name = "Checked", WipLimit = null }, expectedVersion: current.Version);
        Assert.Equal(("Checked", (int?)null, 5), (renamed.Value?.Name, renamed.Value?.WipLimit, renamed.Value?.Version));
        var stale = await Boards.UpdateColumnAsync(user, board.Id, review.Id, new ColumnPatch { Name = "Lost" }, expectedVersion: current.Version);
        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);

        var unchanged = (await Boards.GetAsync(user, board.Id))!;
        Assert.True((await Boards.UpdateColumnAsync(user, board.Id, review.Id, new ColumnPatch { Name = "Checked" })).IsOk);
        Assert.Equal(unchanged.Version, (await Boards.GetAsync(user, board.Id))!.Version);
        // Add, three moves and a rename: five changes after the first version.
        Assert.Equal(6, unchanged.Version);
        Assert.Equal(WriteOutcome.Conflict, (await Boards.UpdateAsync(user, board.Id, new BoardPatch { Name = "Stale" }, expectedVersion: 1)).Outcome);
    }

    [Fact]
    public async Task MarkingAColumnDoneCompletesItsTasksAndUnmarkingReopensThem()
    {
        var user = await database.CreateUserAsync();
        var board = await CreateBoardAsync(user, "Work");
        var doing = board.Columns[1];
        var task = await AddTaskAsync(user, doing.Id, "Ship it");
        clock.Now = Noon.AddHours(2);

        Assert.True((await Boards.UpdateColumnAsync(user, board.Id, doing.Id, new ColumnPatch { IsDone = true })).IsOk);
        var completed = (await Tasks.GetAsync(user, task.Id))!;
        Assert.Equal((true, (DateTime?)Noon.AddHours(2).UtcDateTime, 2), (completed.Completed, completed.CompletedAt, completed.Version));

        Assert.True((await Boards.UpdateColumnAsync(user, board.Id, doing.Id, new ColumnPatch { IsDone = false })).IsOk);
        var reopened = (await Tasks.GetAsync(user, task.Id))!;
        Assert.Equal((false, (DateTime?)null, 3), (reopened.Completed, reopened.CompletedAt, reopened.Version));
    }

    [Fact]
    public async Task DeletingAColumnMovesItsTasksToTheBottomOfTheOneNamedInTheirOrder()
    {
        var user = await database.CreateUserAsync();
        var board = await CreateBoardAsync(user, "Work");
        var (todo, doing, done) = (board.Columns[0], board.Columns[1], board.Columns[2]);
        await AddTaskAsync(user, done.Id, "finished");
        foreach (var title in new[] { "one", "two", "three" })
        {
            await AddTaskAsync(user, doing.Id, title);
        }

        var refused = await Boards.DeleteColumnAsync(user, board.Id, doing.Id, moveTasksTo: null);
        Assert.Contains("moveTasksTo", refused.Errors.Keys);
        Assert.Contains("moveTasksTo", (await Boards.DeleteColumnAsync(user, board.Id, doing.Id, moveTasksTo: doing.Id)).Errors.Keys);

        Assert.True((await Boards.DeleteColumnAsync(user, board.Id, doing.Id, moveTasksTo: done.Id)).IsOk);
        Assert.Equal(["0:To do", "1:Done"], await ColumnNamesAsync(user, board.Id));
        Assert.Equal(["finished", "one", "two", "three"], await TitlesAsync(user, done.Id));
        Assert.All((await Tasks.ListAsync(user, new TaskQuery { BoardId = board.Id })).Value!.Items, t => Assert.True(t.Completed));

        Assert.True((await Boards.DeleteColumnAsync(user, board.Id, todo.Id, moveTasksTo: null)).IsOk); // empty: nothing to move
        Assert.Contains("columnId", (await Boards.DeleteColumnAsync(user, board.Id, done.Id, moveTasksTo: null)).Errors.Keys); // the last one stays
        Assert.Equal(WriteOutcome.NotFound, (await Boards.DeleteColumnAsync(user, board.Id, doing.Id, moveTasksTo: null)).Outcome);
    }

    [Fact]
    public async Task TasksMoveAcrossBoardsAndCompletionFollowsTheColumnTheyLandIn()
    {
        var user = await database.CreateUserAsync();
        var work = await CreateBoardAsync(user, "Work");
        var home = await CreateBoardAsync(user, "Home", "Someday", "Doing", "Done");
        var task = await AddTaskAsync(user, work.Columns[2].Id, "finished at work");
        Assert.True(task.Completed);

        var moved = await Tasks.MoveAsync(user, task.Id, new TaskMove(home.Columns[1].Id));
        Assert.Equal((home.Id, home.Columns[1].Id, false), (moved.Value?.BoardId, moved.Value?.ColumnId, moved.Value?.Completed));

        var patched = await Tasks.UpdateAsync(user, task.Id, new TaskPatch { BoardId = work.Id });
        Assert.Equal((work.Id, work.Columns[0].Id), (patched.Value?.BoardId, patched.Value?.ColumnId));
        var completedElsewhere = await Tasks.UpdateAsync(user, task.Id, new TaskPatch { BoardId = home.Id, Completed = true });
        Assert.Equal(home.Columns[2].Id, completedElsewhere.Value?.ColumnId);
        Assert.Contains("columnId", (await Tasks.UpdateAsync(user, task.Id, new TaskPatch { BoardId = work.Id, ColumnId = home.Columns[0].Id })).Errors.Keys);

        var noDone = await CreateBoardAsync(user, "Ideas", "Maybe");
        Assert.Contains("boardId", (await Tasks.UpdateAsync(user, task.Id, new TaskPatch { BoardId = noDone.Id })).Errors.Keys);
        Assert.Equal(["finished at work"], await TitlesAsync(user, home.Columns[2].Id));
    }

    [Fact]
    public async Task ArchivedBoardsLeaveListsAndSearchesUntilRestored()
    {
        var user = await database.CreateUserAsync();
        var kept = await CreateBoardAsync(user, "Kept");
        var archived = await CreateBoardAsync(user, "Old");
        await AddTaskAsync(user, kept.Columns[0].Id, "needle kept");
        await AddTaskAsync(user, archived.Columns[0].Id, "needle archived");

        Assert.True((await Boards.UpdateAsync(user, archived.Id, new BoardPatch { Archived = true })).IsOk);
        async Task<List<string>> Search(TaskQuery query) => [.. (await Tasks.ListAsync(user, query)).Value!.Items.Select(t => t.Title)];
        Assert.Equal(["needle kept"], await Search(new TaskQuery { Text = "needle" }));
        Assert.Equal(["needle archived"], await Search(new TaskQuery { Text = "needle", BoardId = archived.Id }));
        Assert.Equal(["Kept"], (await Boards.ListAsync(user, new BoardQuery())).Value!.Items.Select(b => b.Name));
        Assert.Equal(["Old"], (await Boards.ListAsync(user, new BoardQuery { Archived = true })).Value!.Items.Select(b => b.Name));

        Assert.True((await Boards.UpdateAsync(user, archived.Id, new BoardPatch { Archived = false })).IsOk);
        Assert.Equal(["needle archived", "needle kept"], (await Search(new TaskQuery { Text = "needle" })).Order(StringComparer.Ordinal));
        Assert.Null((await Boards.GetAsync(user, archived.Id))!.ArchivedAt);
    }

    [Fact]
    public async Task ABoardIsDeletedWithItsTasksOnlyWhenItsNameIsGivenAndNobodyElseReachesIt()
    {
        var user = await database.CreateUserAsync();
        var stranger = await database.CreateUserAsync();
        var board = await CreateBoardAsync(user, "Temporary");
        var task = await AddTaskAsync(user, board.Columns[0].Id, "goes with it");

        Assert.Null(await Boards.GetAsync(stranger, board.Id));
        Assert.Equal(WriteOutcome.NotFound, (await Boards.UpdateAsync(stranger, board.Id, new BoardPatch { Name = "Mine" })).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Boards.AddColumnAsync(stranger, board.Id, new ColumnDraft("Mine"))).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Boards.DeleteAsync(stranger, board.Id, "Temporary")).Outcome);
        Assert.Contains("confirm", (await Boards.DeleteAsync(user, board.Id, "temporary")).Errors.Keys);
        Assert.Equal(WriteOutcome.Conflict, (await Boards.DeleteAsync(user, board.Id, "Temporary", expectedVersion: 7)).Outcome);

        Assert.True((await Boards.DeleteAsync(user, board.Id, "Temporary")).IsOk);
        Assert.Null(await Boards.GetAsync(user, board.Id));
        Assert.Null(await Tasks.GetAsync(user, task.Id));
    }

    [Fact]
    public async Task BoardsPageByCursorWithoutSkipsOrRepeats()
    {
        var user = await database.CreateUserAsync();
        var names = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            names.Add((await CreateBoardAsync(user, $"Board {i}")).Name);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await Boards.ListAsync(user, new BoardQuery { Limit = 3, Cursor = cursor })).Value!;
            seen.AddRange(page.Items.Select(b => b.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(names, seen);
        Assert.Contains("cursor", (await Boards.ListAsync(user, new BoardQuery { Cursor = "nope" })).Errors.Keys);
        Assert.Contains("limit", (await Boards.ListAsync(user, new BoardQuery { Limit = 0 })).Errors.Keys);
    }

    [Fact]
    public async Task ALandingBoardIsTheLastOpenedWhileInUseElseTheDefault()
    {
        var user = await database.CreateUserAsync();
        var first = await CreateBoardAsync(user, "First");
        var second = await CreateBoardAsync(user, "Second");
        Assert.Equal(first.Id, await Boards.LandingBoardIdAsync(user));

        await Boards.RememberOpenedAsync(user, second.Id);
        Assert.Equal(second.Id, await Boards.LandingBoardIdAsync(user));

        await Boards.UpdateAsync(user, second.Id, new BoardPatch { Archived = true });
        Assert.Equal(first.Id, await Boards.LandingBoardIdAsync(user));

        await Boards.UpdateAsync(user, first.Id, new BoardPatch { Archived = true });
        var fresh = await Boards.LandingBoardIdAsync(user);
        Assert.Equal(Board.DefaultName, (await Boards.GetAsync(user, fresh))!.Name);
    }
}
