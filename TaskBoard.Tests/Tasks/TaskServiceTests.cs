using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

public sealed class PostgresTaskServiceTests(PostgresDatabase database) : TaskServiceTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteTaskServiceTests(SqliteDatabase database) : TaskServiceTests(database), IClassFixture<SqliteDatabase>;

/// <summary>The task service's behaviour, run once per provider.</summary>
public abstract class TaskServiceTests(TestDatabase database)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new(Noon);
    private readonly TaskChangeFeed feed = new(Microsoft.Extensions.Logging.Abstractions.NullLogger<TaskChangeFeed>.Instance, new TaskBoard.Data.Changes.NoOtherInstances());

    private TaskService Service => new(database.Factory, clock, feed);

    private BoardService Boards => new(database.Factory, clock, feed);

    /// <summary>The columns of a user's default board, "My tasks".</summary>
    protected enum Col
    {
        Todo,
        Doing,
        Done,
    }

    private readonly Dictionary<Guid, Board> defaultBoards = [];

    private async Task<Board> DefaultBoardAsync(Guid userId)
    {
        if (!defaultBoards.TryGetValue(userId, out var board))
        {
            await Boards.CreateDefaultAsync(userId);
            board = (await Boards.ListAsync(userId, new BoardQuery())).Value!.Items.Single();
            defaultBoards[userId] = board;
        }

        return board;
    }

    private async Task<Guid> ColumnAsync(Guid userId, Col column) => (await DefaultBoardAsync(userId)).Columns[(int)column].Id;

    /// <summary>Where a column stands on its board, for the orders computed in memory.</summary>
    private int Place(Guid columnId) => defaultBoards.Values.SelectMany(b => b.Columns).Single(c => c.Id == columnId).Position;

    private async Task<TaskItem> CreateAsync(Guid userId, string title, Col column = Col.Todo,
        TaskPriority priority = TaskPriority.None, DateTime? dueAt = null, string[]? tags = null, string? description = null)
    {
        var result = await Service.CreateAsync(userId, new TaskDraft(title, description, priority, dueAt, tags, ColumnId: await ColumnAsync(userId, column)));
        Assert.True(result.IsOk, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return result.Value;
    }

    private async Task<List<TaskItem>> ListAllAsync(Guid userId, TaskQuery? query = null)
    {
        var result = await Service.ListAsync(userId, (query ?? new TaskQuery()) with { Limit = TaskQuery.MaxLimit });
        Assert.True(result.IsOk);
        Assert.Null(result.Value.NextCursor);
        return [.. result.Value.Items];
    }

    private async Task<List<string>> ColumnTitlesAsync(Guid userId, Col column) =>
        [.. (await ListAllAsync(userId, new TaskQuery { ColumnIds = [await ColumnAsync(userId, column)] })).Select(t => t.Title)];

    private static void AssertSameTask(TaskItem expected, TaskItem? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.CreatedBy, expected.Title, expected.Description, expected.BoardId, expected.ColumnId, expected.Priority, expected.DueAt,
                string.Join("|", expected.Tags), expected.Position, expected.CreatedAt, expected.UpdatedAt, expected.CompletedAt, expected.Version),
            (actual.Id, actual.CreatedBy, actual.Title, actual.Description, actual.BoardId, actual.ColumnId, actual.Priority, actual.DueAt,
                string.Join("|", actual.Tags), actual.Position, actual.CreatedAt, actual.UpdatedAt, actual.CompletedAt, actual.Version));
    }

    [Fact]
    public async Task CountsPerColumnFollowTheFiltersAndOnlyTheUsersOwnTasks()
    {
        var user = await database.CreateUserAsync();
        var other = await database.CreateUserAsync();
        await CreateAsync(user, "a", Col.Todo, TaskPriority.High);
        await CreateAsync(user, "b", Col.Todo, TaskPriority.Low);
        await CreateAsync(user, "c", Col.Done, TaskPriority.High);
        await CreateAsync(other, "d", Col.Doing, TaskPriority.High);
        var board = await DefaultBoardAsync(user);

        var all = await Service.CountByColumnAsync(user, new TaskQuery { BoardId = board.Id });
        var high = await Service.CountByColumnAsync(user, new TaskQuery { BoardId = board.Id, Priorities = [TaskPriority.High], ColumnIds = [board.Columns[0].Id] });

        Assert.Equal([2, 0, 1], board.Columns.Select(c => all.GetValueOrDefault(c.Id)));
        Assert.Equal([1, 0, 1], board.Columns.Select(c => high.GetValueOrDefault(c.Id)));
    }

    [Fact]
    public async Task CreatedTaskReadsBackExactlyAsWritten()
    {
        var user = await database.CreateUserAsync();
        var due = new DateTime(2026, 3, 12, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234567);

        var created = await CreateAsync(user, "Write the report", Col.Doing, TaskPriority.High, due,
            ["work", "Q1 ✨"], "Line one\nLine two");

        AssertSameTask(created, await Service.GetAsync(user, created.Id));
        Assert.Equal(1, created.Version);
        Assert.Equal(Noon.UtcDateTime, created.CreatedAt);
        Assert.Equal(due.AddTicks(-(due.Ticks % TimeSpan.TicksPerMicrosecond)), created.DueAt);
        Assert.Null(created.CompletedAt);
    }

    [Fact]
    public async Task EveryWriteTellsOnlyItsBoardsSubscribersWhichTaskChanged()
    {
        var user = await database.CreateUserAsync();
        var stranger = await database.CreateUserAsync();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        var strangerHeard = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        using var subscription = feed.Subscribe((await DefaultBoardAsync(user)).Id, change =>
        {
            foreach (var id in change.TaskIds)
            {
                heard.Enqueue(id);
            }

            return Task.CompletedTask;
        });
        using var strangerSubscription = feed.Subscribe((await DefaultBoardAsync(stranger)).Id, change =>
        {
            foreach (var id in change.TaskIds)
            {
                strangerHeard.Enqueue(id);
            }

            return Task.CompletedTask;
        });

        var task = await CreateAsync(user, "Watched");
        await Service.UpdateAsync(user, task.Id, new TaskPatch { Title = "Watched closely" });
        await Service.MoveAsync(user, task.Id, new TaskMove(await ColumnAsync(user, Col.Done)));
        await Service.UpdateAsync(stranger, task.Id, new TaskPatch { Title = "Not mine" });
        await Service.DeleteAsync(user, task.Id);
        await Service.RestoreAsync(user, task);

        await WaitUntilAsync(() => heard.Count >= 5);
        Assert.Equal(Enumerable.Repeat(task.Id, 5), heard);
        Assert.Empty(strangerHeard);

        subscription.Dispose();
        await CreateAsync(user, "Unheard");
        await Task.Delay(200);
        Assert.Equal(5, heard.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task AnotherUserCannotReadChangeMoveCompleteOrDeleteATaskAndItsOwnerSeesNoChange()
    {
        var owner = await database.CreateUserAsync();
        var stranger = await database.CreateUserAsync();
        var task = await CreateAsync(owner, "Private", tags: ["secret"]);
        var strangersOwn = await CreateAsync(stranger, "Stranger's own");

        Assert.Null(await Service.GetAsync(stranger, task.Id));
        Assert.Equal(WriteOutcome.NotFound, (await Service.UpdateAsync(stranger, task.Id, new TaskPatch { Title = "Mine now" })).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Service.UpdateAsync(stranger, task.Id, new TaskPatch { Title = "Mine now" }, expectedVersion: 1)).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Service.SetCompletedAsync(stranger, task.Id, true)).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Service.MoveAsync(stranger, task.Id, new TaskMove(await ColumnAsync(stranger, Col.Done)))).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Service.MoveAsync(stranger, task.Id, new TaskMove(await ColumnAsync(owner, Col.Done)))).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Service.DeleteAsync(stranger, task.Id)).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Service.DeleteAsync(stranger, task.Id, expectedVersion: 1)).Outcome);

        // Using the owner's task as a neighbour, or the owner's board or column as a place, reads exactly like naming one that does not exist.
        var strangersTodo = await ColumnAsync(stranger, Col.Todo);
        var asNeighbour = await Service.MoveAsync(stranger, strangersOwn.Id, new TaskMove(strangersTodo, BeforeId: task.Id));
        var asMissing = await Service.MoveAsync(stranger, strangersOwn.Id, new TaskMove(strangersTodo, BeforeId: Guid.CreateVersion7()));
        Assert.Equal((WriteOutcome.NotFound, "task"), (asNeighbour.Outcome, asNeighbour.Missing));
        Assert.Equal((asMissing.Outcome, asMissing.Missing), (asNeighbour.Outcome, asNeighbour.Missing));
        var ownersColumn = await ColumnAsync(owner, Col.Todo);
        var ownersBoard = (await DefaultBoardAsync(owner)).Id;
        Assert.Equal((WriteOutcome.NotFound, "column"), Missing(await Service.MoveAsync(stranger, strangersOwn.Id, new TaskMove(ownersColumn))));
        Assert.Equal((WriteOutcome.NotFound, "column"), Missing(await Service.UpdateAsync(stranger, strangersOwn.Id, new TaskPatch { ColumnId = ownersColumn })));
        Assert.Equal((WriteOutcome.NotFound, "board"), Missing(await Service.UpdateAsync(stranger, strangersOwn.Id, new TaskPatch { BoardId = ownersBoard })));
        Assert.Equal((WriteOutcome.NotFound, "column"), Missing(await Service.CreateAsync(stranger, new TaskDraft("Sneaky", ColumnId: ownersColumn))));
        Assert.Equal((WriteOutcome.NotFound, "board"), Missing(await Service.CreateAsync(stranger, new TaskDraft("Sneaky", BoardId: ownersBoard))));
        Assert.Empty(await ListAllAsync(stranger, new TaskQuery { BoardId = ownersBoard }));
        Assert.Empty(await ListAllAsync(stranger, new TaskQuery { ColumnIds = [ownersColumn] }));

        foreach (var query in new[] { new TaskQuery(), new TaskQuery { Tag = "secret" }, new TaskQuery { Text = "Private" } })
        {
            Assert.DoesNotContain(await ListAllAsync(stranger, query), t => t.Id == task.Id);
        }

        AssertSameTask(task, await Service.GetAsync(owner, task.Id));
        Assert.Equal([task.Id], (await ListAllAsync(owner)).Select(t => t.Id));
    }

    private static (WriteOutcome, string?) Missing<T>(WriteResult<T> result) => (result.Outcome, result.Missing);

    [Fact]
    public async Task PatchChangesOnlyTheFieldsItNamesAndBumpsTheVersion()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Draft", priority: TaskPriority.Low, dueAt: Noon.UtcDateTime.AddDays(1), tags: ["a"], description: "keep me");
        clock.Now = Noon.AddMinutes(5);

        var result = await Service.UpdateAsync(user, task.Id, new TaskPatch { Title = "Final", DueAt = null }, expectedVersion: 1);

        Assert.True(result.IsOk);
        var stored = await Service.GetAsync(user, task.Id);
        Assert.NotNull(stored);
        Assert.Equal(("Final", "keep me", TaskPriority.Low, (DateTime?)null, 2), (stored.Title, stored.Description, stored.Priority, stored.DueAt, stored.Version));
        Assert.Equal(["a"], stored.Tags);
        Assert.Equal(Noon.AddMinutes(5).UtcDateTime, stored.UpdatedAt);
    }

    [Fact]
    public async Task PatchThatChangesNothingKeepsTheVersion()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Same", tags: ["x"]);

        var result = await Service.UpdateAsync(user, task.Id, new TaskPatch { Title = "Same", Tags = new[] { "x" } });

        Assert.True(result.IsOk);
        AssertSameTask(task, await Service.GetAsync(user, task.Id));
    }

    [Fact]
    public async Task StaleExpectedVersionIsAConflictAndChangesNothing()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Original");
        Assert.True((await Service.UpdateAsync(user, task.Id, new TaskPatch { Title = "Edited elsewhere" }, expectedVersion: 1)).IsOk);
        var afterFirstEdit = await Service.GetAsync(user, task.Id);

        var stale = await Service.UpdateAsync(user, task.Id, new TaskPatch { Title = "My stale edit" }, expectedVersion: 1);
        var staleMove = await Service.MoveAsync(user, task.Id, new TaskMove(await ColumnAsync(user, Col.Done)), expectedVersion: 1);
        var staleDelete = await Service.DeleteAsync(user, task.Id, expectedVersion: 1);

        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);
        Assert.Equal(2, stale.Current?.Version);
        Assert.Equal("Edited elsewhere", ((TaskItem)stale.Current!).Title);
        Assert.Equal(WriteOutcome.Conflict, staleMove.Outcome);
        Assert.Equal(WriteOutcome.Conflict, staleDelete.Outcome);
        AssertSameTask(afterFirstEdit!, await Service.GetAsync(user, task.Id));
    }

    [Fact]
    public async Task ConcurrentEditsOfOneVersionLetExactlyOneWin()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Contended");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Service.UpdateAsync(user, task.Id, new TaskPatch { Title = $"Edit {i}" }, expectedVersion: 1))));

        Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(WriteOutcome.Conflict, r.Outcome));
        var stored = await Service.GetAsync(user, task.Id);
        Assert.Equal(2, stored?.Version);
        Assert.Equal(results.Single(r => r.IsOk).Value!.Title, stored?.Title);
    }

    [Fact]
    public async Task ConcurrentEditsWithoutAVersionAllLandAndEachIsInTheHistory()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Busy");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Service.UpdateAsync(user, task.Id, new TaskPatch { Title = $"Edit {i}" }))));

        Assert.All(results, r => Assert.Equal(WriteOutcome.Ok, r.Outcome));
        Assert.Equal(Enumerable.Range(2, 6), results.Select(r => r.Value!.Version).Order());
        var history = (await new ActivityService(database.Factory).ListAsync(user, task.Id, new TimeQuery { Limit = 50 })).Value!.Items;
        var renames = history.Where(a => a.Kind == ActivityKind.Renamed).Select(a => (a.Details["from"], a.Details["to"])).ToList();
        // Each rename starts from the title the one before it left: the history is one unbroken chain.
        var final = (await Service.GetAsync(user, task.Id))!.Title;
        var titles = results.Select(r => r.Value!.Title).ToList();
        Assert.Equal(titles.Order(), renames.Select(r => r.Item2).Order());
        Assert.Equal(titles.Where(t => t != final).Append("Busy").Order(), renames.Select(r => r.Item1).Order());
    }

    [Fact]
    public async Task ACreateThatNamesNoPlaceGoesBelowTheDefaultColumnsTasksAndSaysWhereInItsHistory()
    {
        var user = await database.CreateUserAsync();
        await CreateAsync(user, "Already there");

        var created = await Service.CreateAsync(user, new TaskDraft("Anywhere", "Notes", TaskPriority.High, Tags: ["home"], DueDate: new DateOnly(2026, 3, 20)));

        Assert.True(created.IsOk);
        AssertSameTask(created.Value, await Service.GetAsync(user, created.Value.Id));
        Assert.Equal(["Already there", "Anywhere"], await ColumnTitlesAsync(user, Col.Todo));
        Assert.Equal((user, user, 1, false), (created.Value.CreatedBy, created.Value.UpdatedBy, created.Value.Version, created.Value.Completed));
        var history = (await new ActivityService(database.Factory).ListAsync(user, created.Value.Id, new TimeQuery())).Value!.Items;
        Assert.Equal((ActivityKind.Created, "To do"), (history.Single().Kind, history.Single().Details["column"]));
    }

    [Fact]
    public async Task CompletingMovesToTheFirstDoneColumnAndReopeningToTheFirstColumnThatIsNot()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Finish me", Col.Doing);
        clock.Now = Noon.AddHours(1);

        var completed = await Service.SetCompletedAsync(user, task.Id, true);
        Assert.Equal((await ColumnAsync(user, Col.Done), (DateTime?)Noon.AddHours(1).UtcDateTime, true),
            (completed.Value?.ColumnId, completed.Value?.CompletedAt, completed.Value?.Completed));

        var reopened = await Service.SetCompletedAsync(user, task.Id, false);
        Assert.Equal((await ColumnAsync(user, Col.Todo), (DateTime?)null), (reopened.Value?.ColumnId, reopened.Value?.CompletedAt));

        var contradictory = await Service.UpdateAsync(user, task.Id, new TaskPatch { Completed = true, ColumnId = await ColumnAsync(user, Col.Todo) });
        Assert.Equal(WriteOutcome.Invalid, contradictory.Outcome);
        Assert.Contains("completed", contradictory.Errors.Keys);

        // Named with its column, a task is created completed exactly when the column is done.
        var createdDone = await Service.CreateAsync(user, new TaskDraft("Already done", ColumnId: await ColumnAsync(user, Col.Done)));
        Assert.Equal((true, (DateTime?)Noon.AddHours(1).UtcDateTime), (createdDone.Value?.Completed, createdDone.Value?.CompletedAt));
        var createdCompleted = await Service.CreateAsync(user, new TaskDraft("Completed at once", Completed: true));
        Assert.Equal(await ColumnAsync(user, Col.Done), createdCompleted.Value?.ColumnId);
        Assert.Equal(["Already done", "Completed at once"], (await ListAllAsync(user, new TaskQuery { Completed = true })).Select(t => t.Title));
        Assert.Equal(["Finish me"], (await ListAllAsync(user, new TaskQuery { Completed = false })).Select(t => t.Title));
    }

    [Fact]
    public async Task DeleteRemovesTheTaskOnce()
    {
        var user = await database.CreateUserAsync();
        var task = await CreateAsync(user, "Short-lived");

        Assert.True((await Service.DeleteAsync(user, task.Id, expectedVersion: 1)).IsOk);
        Assert.Equal(WriteOutcome.NotFound, (await Service.DeleteAsync(user, task.Id)).Outcome);
        Assert.Null(await Service.GetAsync(user, task.Id));
    }

    [Fact]
    public async Task RestoreBringsADeletedTaskBackOnceAndOnlyForItsOwner()
    {
        var user = await database.CreateUserAsync();
        var stranger = await database.CreateUserAsync();
        await CreateAsync(user, "before");
        var task = await CreateAsync(user, "deleted", tags: ["x"], dueAt: Noon.UtcDateTime.AddDays(2));
        await CreateAsync(user, "after");
        Assert.True((await Service.DeleteAsync(user, task.Id)).IsOk);

        Assert.Equal(WriteOutcome.NotFound, (await Service.RestoreAsync(stranger, task)).Outcome);
        var restored = await Service.RestoreAsync(user, task);
        var again = await Service.RestoreAsync(user, task);

        Assert.True(restored.IsOk);
        Assert.Equal((task.Title, task.Position, task.DueAt, task.Version + 1), (restored.Value.Title, restored.Value.Position, restored.Value.DueAt, restored.Value.Version));
        Assert.Equal(restored.Value.Version, again.Value?.Version);
        Assert.Equal(["before", "deleted", "after"], await ColumnTitlesAsync(user, Col.Todo));
        Assert.Empty(await ListAllAsync(stranger));
    }

    public static TheoryData<string, int, bool> TitleLengths => new()
    {
        { "title", 1, true },
        { "title", TaskItem.TitleMaxLength, true },
        { "title", TaskItem.TitleMaxLength + 1, false },
        { "description", TaskItem.DescriptionMaxLength, true },
        { "description", TaskItem.DescriptionMaxLength + 1, false },
        { "tag", TaskItem.TagMaxLength, true },
        { "tag", TaskItem.TagMaxLength + 1, false },
        { "tags", TaskItem.MaxTags, true },
        { "tags", TaskItem.MaxTags + 1, false },
    };

    [Theory]
    [MemberData(nameof(TitleLengths))]
    public async Task EveryLimitHoldsAtItsBoundAndFailsJustPastIt(string field, int size, bool valid)
    {
        var user = await database.CreateUserAsync();
        var draft = field switch
        {
            "title" => new TaskDraft(new string('t', size)),
            "description" => new TaskDraft("Has description", new string('d', size)),
            "tag" => new TaskDraft("Has a tag", Tags: [new string('g', size)]),
            _ => new TaskDraft("Has tags", Tags: [.. Enumerable.Range(0, size).Select(i => $"tag{i}")]),
        };

        var result = await Service.CreateAsync(user, draft);

        Assert.Equal(valid, result.IsOk);
        if (!valid)
        {
            Assert.Equal([field == "tag" ? "tags" : field], result.Errors.Keys);
        }

        Assert.Equal(valid ? 1 : 0, (await ListAllAsync(user)).Count);
    }

    public static TheoryData<string, TaskDraft> InvalidDrafts => new()
    {
        { "title", new TaskDraft("") },
        { "title", new TaskDraft("   ") },
        { "title", new TaskDraft("nul\0byte") },
        { "title", new TaskDraft("two\nlines") },
        { "title", new TaskDraft("broken \ud800 surrogate") },
        { "description", new TaskDraft("ok", "bell\a") },
        { "priority", new TaskDraft("ok", Priority: (TaskPriority)(-1)) },
        { "tags", new TaskDraft("ok", Tags: ["same", "same"]) },
        { "tags", new TaskDraft("ok", Tags: [" "]) },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task InvalidInputIsReportedPerFieldAndNeverStored(string field, TaskDraft draft)
    {
        var user = await database.CreateUserAsync();
        var existing = await CreateAsync(user, "Existing");

        var created = await Service.CreateAsync(user, draft);
        var updated = await Service.UpdateAsync(user, existing.Id, new TaskPatch
        {
            Title = draft.Title,
            Description = draft.Description,
            Priority = draft.Priority,
            Tags = new Optional<IReadOnlyList<string>>(draft.Tags ?? []),
        });

        Assert.Equal(WriteOutcome.Invalid, created.Outcome);
        Assert.Contains(field, created.Errors.Keys);
        Assert.NotEmpty(created.Errors[field].Single());
        Assert.Equal(WriteOutcome.Invalid, updated.Outcome);
        AssertSameTask(existing, Assert.Single(await ListAllAsync(user)));
    }

    [Fact]
    public async Task TitleLengthCountsCharactersNotUtf16Units()
    {
        var user = await database.CreateUserAsync();
        var emoji = string.Concat(Enumerable.Repeat("🙂", TaskItem.TitleMaxLength));

        var result = await Service.CreateAsync(user, new TaskDraft(emoji));

        Assert.True(result.IsOk);
        Assert.Equal(emoji, (await Service.GetAsync(user, result.Value.Id))?.Title);
    }

    [Fact]
    public async Task FiltersSelectByColumnCompletionPriorityTagTextAndDueWindow()
    {
        var user = await database.CreateUserAsync();
        var now = Noon.UtcDateTime;
        await CreateAsync(user, "overdue", priority: TaskPriority.Urgent, dueAt: now.AddHours(-1), tags: ["home"]);
        await CreateAsync(user, "overdue but done", Col.Done, dueAt: now.AddDays(-2));
        await CreateAsync(user, "later today", Col.Doing, TaskPriority.High, now.AddHours(3), ["work"]);
        await CreateAsync(user, "in five days", priority: TaskPriority.Low, dueAt: now.AddDays(5), tags: ["work", "home"]);
        await CreateAsync(user, "next month", dueAt: now.AddDays(30), description: "Contains the WORD needle");
        await CreateAsync(user, "someday", tags: ["Home"]);

        async Task<string[]> Titles(TaskQuery query) => [.. (await ListAllAsync(user, query)).Select(t => t.Title).Order(StringComparer.Ordinal)];

        Assert.Equal(["later today"], await Titles(new TaskQuery { ColumnIds = [await ColumnAsync(user, Col.Doing)] }));
        Assert.Equal(["later today", "overdue but done"], await Titles(new TaskQuery { ColumnIds = [await ColumnAsync(user, Col.Doing), await ColumnAsync(user, Col.Done)] }));
        Assert.Equal(["overdue but done"], await Titles(new TaskQuery { Completed = true }));
        Assert.Equal(["later today", "overdue"], await Titles(new TaskQuery { Priorities = [TaskPriority.High, TaskPriority.Urgent] }));
        Assert.Equal(["in five days", "overdue"], await Titles(new TaskQuery { Tag = "home" }));
        Assert.Equal(["next month"], await Titles(new TaskQuery { Text = "needle" }));
        Assert.Equal(["next month"], await Titles(new TaskQuery { Text = "word NEEDLE" }));
        Assert.Equal(["later today"], await Titles(new TaskQuery { Text = "LATER" }));
        Assert.Empty(await Titles(new TaskQuery { Text = "100%_" }));
        Assert.Equal(["overdue"], await Titles(new TaskQuery { Due = DueWindow.Overdue }));
        // A task due an hour ago is both overdue and due today.
        Assert.Equal(["later today", "overdue"], await Titles(new TaskQuery { Due = DueWindow.Today }));
        Assert.Equal(["in five days", "later today", "overdue"], await Titles(new TaskQuery { Due = DueWindow.Week }));
        Assert.Equal(["someday"], await Titles(new TaskQuery { Due = DueWindow.None }));
        Assert.Equal(["in five days"], await Titles(new TaskQuery { Tag = "work", Priorities = [TaskPriority.Low], Due = DueWindow.Week }));
    }

    [Fact]
    public async Task TodayFollowsTheCallersTimeZone()
    {
        var user = await database.CreateUserAsync();
        // 12:00 UTC is 21:00 in Tokyo: 16:00 UTC is already tomorrow there.
        await CreateAsync(user, "tokyo tomorrow", dueAt: Noon.UtcDateTime.AddHours(4));
        await CreateAsync(user, "tokyo today", dueAt: Noon.UtcDateTime.AddHours(2));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        var today = await ListAllAsync(user, new TaskQuery { Due = DueWindow.Today, TimeZone = tokyo });

        Assert.Equal(["tokyo today"], today.Select(t => t.Title));
    }

    /// <summary>
    /// A task due on 10 March, read a second before and a second after midnight ends that day: in UTC,
    /// in Honolulu (UTC−10) and on Kiritimati (UTC+14), the furthest zones from UTC on either side.
    /// </summary>
    public static TheoryData<string, string, bool> MidnightsAroundTheDueDay => new()
    {
        { "UTC", "2026-03-10T23:59:59Z", false },
        { "UTC", "2026-03-11T00:00:01Z", true },
        { "Pacific/Honolulu", "2026-03-11T09:59:59Z", false },
        { "Pacific/Honolulu", "2026-03-11T10:00:01Z", true },
        { "Pacific/Kiritimati", "2026-03-10T09:59:59Z", false },
        { "Pacific/Kiritimati", "2026-03-10T10:00:01Z", true },
    };

    [Theory]
    [MemberData(nameof(MidnightsAroundTheDueDay))]
    public async Task ADueDayIsOverdueOnlyOnceItHasEndedInTheReadersZone(string zoneName, string now, bool overdue)
    {
        var user = await database.CreateUserAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        var task = (await Service.CreateAsync(user, new TaskDraft("pay the rent", DueDate: new DateOnly(2026, 3, 10)))).Value!;
        clock.Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        // The card, the filter with the zone given and the filter with the profile's zone all agree.
        Assert.Equal(overdue, DueDates.IsOverdue(task, clock.Now.UtcDateTime, zone));
        Assert.Equal(overdue, (await ListAllAsync(user, new TaskQuery { Due = DueWindow.Overdue, TimeZone = zone })).Count == 1);
        Assert.Equal(!overdue, (await ListAllAsync(user, new TaskQuery { Due = DueWindow.Today, TimeZone = zone })).Count == 1);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zoneName));
        }

        Assert.Equal(overdue, (await ListAllAsync(user, new TaskQuery { Due = DueWindow.Overdue })).Count == 1);
    }

    [Fact]
    public async Task ATimedDueDateIsAnInstantWhateverTheZone()
    {
        var user = await database.CreateUserAsync();
        var due = new DateTime(2026, 3, 10, 23, 30, 0, DateTimeKind.Utc);
        var task = await CreateAsync(user, "call at half eleven", dueAt: due);
        Assert.False(task.DueIsDate);
        foreach (var zone in new[] { TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati") })
        {
            clock.Now = new DateTimeOffset(due.AddSeconds(-1));
            Assert.Empty(await ListAllAsync(user, new TaskQuery { Due = DueWindow.Overdue, TimeZone = zone }));
            clock.Now = new DateTimeOffset(due.AddSeconds(1));
            Assert.Single(await ListAllAsync(user, new TaskQuery { Due = DueWindow.Overdue, TimeZone = zone }));
            Assert.True(DueDates.IsOverdue(task, clock.Now.UtcDateTime, zone));
        }
    }

    public static TheoryData<TaskSort> Sorts => [.. Enum.GetValues<TaskSort>()];

    /// <summary>The order each sort promises, computed in memory from the same tasks.</summary>
    private IEnumerable<TaskItem> Expected(IEnumerable<TaskItem> tasks, TaskSort sort) => sort switch
    {
        TaskSort.Position => tasks.OrderBy(t => Place(t.ColumnId)).ThenBy(t => t.Position).ThenBy(t => t.Id),
        TaskSort.Due => tasks.OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        TaskSort.Priority => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
        TaskSort.Created => tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        _ => tasks.OrderBy(t => t.Title, StringComparer.Ordinal).ThenBy(t => t.Id),
    };

    private async Task<List<TaskItem>> CreateVariedTasksAsync(Guid user, int count, int seed)
    {
        var random = new Random(seed);
        var tasks = new List<TaskItem>();
        for (var i = 0; i < count; i++)
        {
            clock.Now = clock.Now.AddSeconds(random.Next(0, 3)); // some share a creation time
            tasks.Add(await CreateAsync(user,
                $"task {(char)('a' + random.Next(0, 26))}{(char)('a' + random.Next(0, 26))}",
                (Col)random.Next(0, 3),
                (TaskPriority)random.Next(0, 5),
                random.Next(0, 4) == 0 ? null : Noon.UtcDateTime.AddDays(random.Next(-5, 10))));
        }

        return tasks;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task EachSortOrdersTasksAsPromised(TaskSort sort)
    {
        var user = await database.CreateUserAsync();
        var tasks = await CreateVariedTasksAsync(user, 30, seed: 42);

        var listed = await ListAllAsync(user, new TaskQuery { Sort = sort });

        Assert.Equal(Expected(tasks, sort).Select(t => t.Id), listed.Select(t => t.Id));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task CursorPagesNeitherSkipNorRepeatWhileTasksAreAdded(TaskSort sort)
    {
        var user = await database.CreateUserAsync();
        var original = await CreateVariedTasksAsync(user, 23, seed: 7);
        var seen = new List<Guid>();
        string? cursor = null;
        var page = 0;
        do
        {
            var result = await Service.ListAsync(user, new TaskQuery { Sort = sort, Limit = 5, Cursor = cursor });
            Assert.True(result.IsOk);
            Assert.InRange(result.Value.Items.Count, 0, 5);
            seen.AddRange(result.Value.Items.Select(t => t.Id));
            cursor = result.Value.NextCursor;
            // Between page requests, more tasks arrive: some sort before the cursor, some after.
            await CreateVariedTasksAsync(user, 2, seed: page++);
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(original, t => Assert.Contains(t.Id, seen));
    }

    [Fact]
    public async Task BadLimitsAndCursorsAreRejected()
    {
        var user = await database.CreateUserAsync();
        await CreateVariedTasksAsync(user, 3, seed: 1);
        var firstPage = await Service.ListAsync(user, new TaskQuery { Limit = 1, Sort = TaskSort.Due });
        var dueCursor = firstPage.Value!.NextCursor;
        Assert.NotNull(dueCursor);
        var todo = await ColumnAsync(user, Col.Todo);
        await CreateAsync(user, "todo one");
        await CreateAsync(user, "todo two");
        var columnPage = await Service.ListAsync(user, new TaskQuery { ColumnIds = [todo], Limit = 1 });
        var columnCursor = columnPage.Value!.NextCursor;
        Assert.NotNull(columnCursor);
        var acrossPage = await Service.ListAsync(user, new TaskQuery { Limit = 1 });
        var acrossCursor = acrossPage.Value!.NextCursor;

        var rejected = new (string Field, TaskQuery Query)[]
        {
            ("limit", new TaskQuery { Limit = 0 }),
            ("limit", new TaskQuery { Limit = TaskQuery.MaxLimit + 1 }),
            ("cursor", new TaskQuery { Cursor = "not a cursor" }),
            ("cursor", new TaskQuery { Cursor = "eyJ4IjoxfQ" }),
            ("cursor", new TaskQuery { Cursor = dueCursor, Sort = TaskSort.Title }),
            // A cursor in board order belongs to the one column it was made in, or to none.
            ("cursor", new TaskQuery { Cursor = columnCursor }),
            ("cursor", new TaskQuery { Cursor = columnCursor, ColumnIds = [await ColumnAsync(user, Col.Doing)] }),
            ("cursor", new TaskQuery { Cursor = acrossCursor, ColumnIds = [todo] }),
            ("q", new TaskQuery { Text = "nul\0" }),
            ("tag", new TaskQuery { Tag = new string('x', TaskItem.TagMaxLength + 1) }),
            ("columnId", new TaskQuery { ColumnIds = [.. Enumerable.Range(0, Board.MaxColumns + 1).Select(_ => Guid.CreateVersion7())] }),
        };

        foreach (var (field, query) in rejected)
        {
            var result = await Service.ListAsync(user, query);
            Assert.Equal(WriteOutcome.Invalid, result.Outcome);
            Assert.Contains(field, result.Errors.Keys);
        }

        Assert.True((await Service.ListAsync(user, new TaskQuery { Limit = TaskQuery.MaxLimit })).IsOk);
        Assert.True((await Service.ListAsync(user, new TaskQuery { Limit = 1, Sort = TaskSort.Due, Cursor = dueCursor })).IsOk);
        var next = await Service.ListAsync(user, new TaskQuery { ColumnIds = [todo], Limit = 1, Cursor = columnCursor });
        Assert.True(columnPage.Value.Items[0].Position < next.Value!.Items[0].Position);
        Assert.True((await Service.ListAsync(user, new TaskQuery { Limit = 1, Cursor = acrossCursor })).IsOk);
    }

    [Fact]
    public async Task NewTasksGoToTheEndOfTheirColumn()
    {
        var user = await database.CreateUserAsync();
        foreach (var title in new[] { "first", "second", "third" })
        {
            await CreateAsync(user, title);
        }

        Assert.Equal(["first", "second", "third"], await ColumnTitlesAsync(user, Col.Todo));
    }

    [Fact]
    public async Task MovePlacesTheTaskBetweenItsNeighboursAcrossAndWithinColumns()
    {
        var user = await database.CreateUserAsync();
        var a = await CreateAsync(user, "a");
        var b = await CreateAsync(user, "b");
        var c = await CreateAsync(user, "c");
        var x = await CreateAsync(user, "x", Col.Doing);
        var y = await CreateAsync(user, "y", Col.Doing);
        clock.Now = Noon.AddMinutes(1);

        var moved = await Service.MoveAsync(user, c.Id, new TaskMove(await ColumnAsync(user, Col.Todo), AfterId: a.Id), expectedVersion: 1);
        Assert.Equal(["c", "a", "b"], await ColumnTitlesAsync(user, Col.Todo));
        Assert.Equal(2, moved.Value?.Version);

        await Service.MoveAsync(user, a.Id, new TaskMove(await ColumnAsync(user, Col.Doing), BeforeId: x.Id, AfterId: y.Id));
        Assert.Equal(["c", "b"], await ColumnTitlesAsync(user, Col.Todo));
        Assert.Equal(["x", "a", "y"], await ColumnTitlesAsync(user, Col.Doing));

        var done = await Service.MoveAsync(user, b.Id, new TaskMove(await ColumnAsync(user, Col.Done)));
        Assert.Equal((await ColumnAsync(user, Col.Done), (DateTime?)Noon.AddMinutes(1).UtcDateTime), (done.Value?.ColumnId, done.Value?.CompletedAt));

        await Service.MoveAsync(user, y.Id, new TaskMove(await ColumnAsync(user, Col.Doing), BeforeId: x.Id));
        Assert.Equal(["x", "y", "a"], await ColumnTitlesAsync(user, Col.Doing));
    }

    [Fact]
    public async Task MoveRejectsNeighboursThatCannotSurroundTheTask()
    {
        var user = await database.CreateUserAsync();
        var a = await CreateAsync(user, "a");
        var b = await CreateAsync(user, "b");
        var c = await CreateAsync(user, "c");
        var elsewhere = await CreateAsync(user, "elsewhere", Col.Done);

        Assert.Contains("afterId", (await Service.MoveAsync(user, c.Id, new TaskMove(await ColumnAsync(user, Col.Todo), BeforeId: b.Id, AfterId: a.Id))).Errors.Keys);
        Assert.Contains("beforeId", (await Service.MoveAsync(user, c.Id, new TaskMove(await ColumnAsync(user, Col.Todo), BeforeId: elsewhere.Id))).Errors.Keys);
        Assert.Contains("beforeId", (await Service.MoveAsync(user, c.Id, new TaskMove(await ColumnAsync(user, Col.Todo), BeforeId: c.Id))).Errors.Keys);
        Assert.Equal((WriteOutcome.NotFound, "column"), Missing(await Service.MoveAsync(user, c.Id, new TaskMove(Guid.CreateVersion7()))));
        Assert.Equal(["a", "b", "c"], await ColumnTitlesAsync(user, Col.Todo));
    }

    [Fact]
    public async Task ManyMovesIntoOneGapKeepTheOrderThroughARenumber()
    {
        var user = await database.CreateUserAsync();
        var ids = new Dictionary<string, Guid>();
        foreach (var title in new[] { "a", "b", "c", "d", "e" })
        {
            ids[title] = (await CreateAsync(user, title)).Id;
        }

        var expected = new List<string> { "a", "b", "c", "d", "e" };
        var random = new Random(3);
        var smallestGap = double.MaxValue;
        for (var i = 0; i < 80; i++)
        {
            // Always drop the last card right after the first: the gap after "a" halves every time.
            var moving = expected[^1];
            expected.Remove(moving);
            expected.Insert(1, moving);
            var result = await Service.MoveAsync(user, ids[moving], new TaskMove(await ColumnAsync(user, Col.Todo), BeforeId: ids[expected[0]], AfterId: ids[expected[2]]));
            Assert.True(result.IsOk);

            var column = await ListAllAsync(user, new TaskQuery { ColumnIds = [await ColumnAsync(user, Col.Todo)] });
            Assert.Equal(expected, column.Select(t => t.Title));
            smallestGap = Math.Min(smallestGap, column.Zip(column.Skip(1), (p, n) => n.Position - p.Position).Min());

            if (random.Next(0, 10) == 0)
            {
                // Occasionally move the first card to the bottom, with only a neighbour above.
                var first = expected[0];
                expected.RemoveAt(0);
                expected.Add(first);
                Assert.True((await Service.MoveAsync(user, ids[first], new TaskMove(await ColumnAsync(user, Col.Todo), BeforeId: ids[expected[^2]]))).IsOk);
            }
        }

        Assert.Equal(expected, await ColumnTitlesAsync(user, Col.Todo));
        // Without a renumber the gap would be 1024 / 2^80; it never fell far below the threshold.
        Assert.True(smallestGap >= TaskPositions.MinimumGap / 2, $"smallest gap {smallestGap}");
    }
}
