using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// The one place that knows task queries; the API and the board are thin adapters over it.
/// Every operation takes the acting user's id and starts from <see cref="BoardAccess"/> inside the
/// query itself, so a task on a board the user cannot reach behaves exactly like one that does not exist;
/// writes need an editor's role there (a viewer's are refused). Every write records who made it and adds
/// to the task's history (<see cref="TaskHistory"/>) in the same transaction.
/// A context is created per call, which makes the service safe to share across requests and circuits.
/// </summary>
public sealed class TaskService(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, TaskChangeFeed changes)
{
    /// <summary>
    /// Creates a task at the bottom of its column (see <see cref="TaskDraft"/> for which). With an <paramref name="idempotencyKey"/>, a retry of
    /// the same request (say after a lost response) returns the task the first one created instead of
    /// a second copy, and the key used for a different task is refused.
    /// </summary>
    public async Task<WriteResult<TaskItem>> CreateAsync(Guid userId, TaskDraft draft, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var errors = TaskValidator.Validate(draft.Title, draft.Description, draft.Priority, draft.Tags);
        if (TaskValidator.CheckDue(draft.DueAt, draft.DueDate) is { } dueError)
        {
            errors = new Dictionary<string, string[]>(errors) { ["dueDate"] = [dueError] };
        }

        if (TaskValidator.CheckAssignees(draft.AssigneeIds) is { } assigneeError)
        {
            errors = new Dictionary<string, string[]>(errors) { [AssigneesField] = [assigneeError] };
        }

        if (idempotencyKey is not null && TaskValidator.CheckIdempotencyKey(idempotencyKey) is { } keyError)
        {
            errors = new Dictionary<string, string[]>(errors) { [TaskValidator.IdempotencyKeyField] = [keyError] };
        }

        if (errors.Count > 0)
        {
            return WriteResult<TaskItem>.Invalid(errors);
        }

        var fingerprint = idempotencyKey is null ? null : TaskValidator.Fingerprint(draft);
        if (idempotencyKey is not null && await FindCreatedAsync(userId, idempotencyKey, fingerprint!, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = Now();
        var assignees = draft.AssigneeIds ?? [];
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            CreatedBy = userId,
            UpdatedBy = userId,
            AssigneeIds = [.. assignees],
            Title = draft.Title,
            Description = draft.Description,
            Priority = draft.Priority,
            DueAt = draft.DueDate is { } day ? DueDates.Stored(day) : ToStoredTime(draft.DueAt),
            DueIsDate = draft.DueDate is not null,
            Tags = [.. draft.Tags ?? []],
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            IdempotencyKey = idempotencyKey,
            IdempotencyFingerprint = fingerprint,
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for the reads and the write
        var usual = draft is { BoardId: null, ColumnId: null, Completed: null };
        if (usual && assignees.Count == 0 && db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            // The usual create on PostgreSQL: one statement (none when the user has no default board yet).
            try
            {
                if (await PostgresTaskWrites.CreateAsync(connection, task, Guid.CreateVersion7(new DateTimeOffset(now)), cancellationToken) is { } created)
                {
                    return Created(userId, created);
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && idempotencyKey is not null)
            {
                // A simultaneous request with the same key inserted first; anything else is a real error.
                if (await FindCreatedAsync(userId, idempotencyKey, fingerprint!, cancellationToken) is { } raced)
                {
                    return raced;
                }

                throw;
            }
        }

        BoardColumn column;
        double position;
        if (usual)
        {
            // The usual create: the bottom of the default board's first column, found in one query.
            (column, position) = await BoardService.DefaultPlaceAsync(db, defaultPlace, userId, now, cancellationToken);
        }
        else
        {
            var boardId = draft.BoardId ?? (draft.ColumnId is null ? await BoardService.DefaultBoardIdAsync(db, userId, now, cancellationToken) : null);
            var placed = await TaskPlacement.ResolveAsync(db, userId, boardId, draft.ColumnId, draft.Completed, current: null, cancellationToken);
            if (!placed.IsOk)
            {
                return WriteResult<TaskItem>.Failed(placed);
            }

            column = placed.Value;
            position = await TaskPositions.EndOfColumnAsync(db, column.Id, exceptId: null, cancellationToken);
        }

        if (await NotMembersAsync(db, column.BoardId, assignees, cancellationToken) is { } notMembers)
        {
            return WriteResult<TaskItem>.Invalid(AssigneesField, notMembers);
        }

        task.Position = position;
        TaskPlacement.Place(task, column, now);
        db.Tasks.Add(task);
        await TaskHistory.CreatedAsync(db, task, column.Name, userId, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A simultaneous request with the same key inserted first; anything else is a real error.
            if (await FindCreatedAsync(userId, idempotencyKey, fingerprint!, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }

        return Created(userId, task);
    }

    private WriteResult<TaskItem> Created(Guid userId, TaskItem task)
    {
        changes.Publish(task.BoardId, [task.Id], userId);
        TaskBoardMetrics.TasksCreated.Add(1);
        return WriteResult<TaskItem>.Ok(task);
    }

    /// <summary>Where a problem with the assignees is reported.</summary>
    public const string AssigneesField = "assigneeIds";

    /// <summary>Why some of <paramref name="assignees"/> cannot be assigned on <paramref name="boardId"/> (they are not its members), or null.</summary>
    private static async Task<string?> NotMembersAsync(TaskBoardDbContext db, Guid boardId, IReadOnlyCollection<Guid> assignees, CancellationToken cancellationToken)
    {
        if (assignees.Count == 0)
        {
            return null;
        }

        var members = await db.BoardMembers.Where(m => m.BoardId == boardId && assignees.Contains(m.UserId)).CountAsync(cancellationToken);
        return members == assignees.Count ? null : "Only members of the task's board can be assigned to it.";
    }

    /// <summary>The assignees who are members of <paramref name="boardId"/>: a task moving to another board keeps only those.</summary>
    private static async Task<List<Guid>> MembersAmongAsync(TaskBoardDbContext db, Guid boardId, IReadOnlyCollection<Guid> assignees, CancellationToken cancellationToken) =>
        assignees.Count == 0 ? [] : await db.BoardMembers.Where(m => m.BoardId == boardId && assignees.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);

    private async Task<WriteResult<TaskItem>?> FindCreatedAsync(Guid userId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var earlier = await db.Tasks.AsNoTracking()
            .FirstOrDefaultAsync(t => t.CreatedBy == userId && t.IdempotencyKey == idempotencyKey, cancellationToken);
        return earlier switch
        {
            null => null,
            _ when earlier.IdempotencyFingerprint != fingerprint => WriteResult<TaskItem>.KeyReused(),
            _ => WriteResult<TaskItem>.Replay(earlier),
        };
    }

    private readonly Func<TaskBoardDbContext, Guid, CancellationToken, Task<BoardService.DefaultPlace?>> defaultPlace = BoardService.CompileDefaultPlace();

    // The two hottest reads, compiled once: one task, and the first page of one column in board order
    // (what every board and most API clients ask for). Everything else goes through the general query.
    // Per instance, not static: a compiled query belongs to one model, and each provider has its own.
    private readonly Func<TaskBoardDbContext, Guid, Guid, CancellationToken, Task<TaskItem?>> oneTask =
        EF.CompileAsyncQuery(BoardAccess.Compile<Func<TaskBoardDbContext, Guid, Guid, CancellationToken, TaskItem?>>((db, userId, id, _) =>
            db.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id && db.Boards.Any(b => b.Id == t.BoardId && BoardAccess.Reaches(b, userId)))));

    private readonly Func<TaskBoardDbContext, Guid, Guid, Guid?, int, IAsyncEnumerable<TaskItem>> columnStart =
        EF.CompileAsyncQuery(BoardAccess.Compile<Func<TaskBoardDbContext, Guid, Guid, Guid?, int, IQueryable<TaskItem>>>((db, userId, columnId, boardId, take) =>
            db.Tasks.AsNoTracking()
                .Where(t => t.ColumnId == columnId && (boardId == null || t.BoardId == boardId) && db.Boards.Any(b => b.Id == t.BoardId && BoardAccess.Reaches(b, userId)))
                .OrderBy(t => t.Position).ThenBy(t => t.Id).Take(take)));

    public async Task<TaskItem?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await oneTask(db, userId, id, cancellationToken);
    }

    public async Task<WriteResult<TaskPage>> ListAsync(Guid userId, TaskQuery query, CancellationToken cancellationToken = default)
    {
        var errors = TaskListing.ValidateQuery(query, out var cursor);
        if (errors.Count > 0)
        {
            return WriteResult<TaskPage>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        List<TaskItem> rows;
        if (TaskListing.IsColumnStart(query, cursor))
        {
            rows = [];
            await foreach (var task in columnStart(db, userId, query.OneColumnId!.Value, query.BoardId, query.Limit + 1).WithCancellation(cancellationToken))
            {
                rows.Add(task);
            }
        }
        else
        {
            var tasks = TaskListing.Filter(TaskListing.Source(db, userId, query).AsNoTracking(), await TaskListing.WithZoneAsync(db, userId, query, cancellationToken), Now());
            if (cursor is not null)
            {
                tasks = TaskListing.After(tasks, cursor);
            }

            rows = await TaskListing.Order(tasks, query).Take(query.Limit + 1).ToListAsync(cancellationToken);
        }

        if (rows.Count <= query.Limit)
        {
            return WriteResult<TaskPage>.Ok(new TaskPage(rows, null));
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        // Across columns, board order continues after the last card's column, which the cursor names by its place.
        var columnPlace = query.Sort == TaskSort.Position && query.OneColumnId is null
            ? await db.BoardColumns.Where(c => c.Id == last.ColumnId).Select(c => c.Position).FirstAsync(cancellationToken)
            : 0;
        return WriteResult<TaskPage>.Ok(new TaskPage(rows, TaskCursor.After(query, last, columnPlace).Encode()));
    }

    /// <summary>How many tasks match <paramref name="query"/>'s filters, per column (any columns it names, its sort and paging aside).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> CountByColumnAsync(Guid userId, TaskQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = query with { ColumnIds = null };
        return await TaskListing.Filter(TaskListing.Source(db, userId, all).AsNoTracking(), await TaskListing.WithZoneAsync(db, userId, all, cancellationToken), Now())
            .GroupBy(t => t.ColumnId)
            .Select(g => new { Column = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Column, c => c.Count, cancellationToken);
    }

    /// <summary>
    /// Changes the fields present in <paramref name="patch"/>. With <paramref name="expectedVersion"/>,
    /// a task that changed since that version is reported as a conflict and left as it is.
    /// </summary>
    public async Task<WriteResult<TaskItem>> UpdateAsync(
        Guid userId, Guid id, TaskPatch patch, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryUpdateAsync(userId, id, patch, expectedVersion, cancellationToken);
            if (!LostARaceNobodyAskedAbout(result, expectedVersion, attempt))
            {
                return result;
            }
        }
    }

    /// <summary>
    /// A write without an expected version that lost a race with another write is simply tried again
    /// on the fresh row: only a caller who named a version (If-Match) asked to hear about conflicts.
    /// </summary>
    private static bool LostARaceNobodyAskedAbout(WriteResult<TaskItem> result, int? expectedVersion, int attempt) =>
        result.Outcome == WriteOutcome.Conflict && expectedVersion is null && attempt < MaxAttempts;

    private const int MaxAttempts = 5;

    private async Task<WriteResult<TaskItem>> TryUpdateAsync(
        Guid userId, Guid id, TaskPatch patch, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (patch.AssigneeIds.HasValue && TaskValidator.CheckAssignees(patch.AssigneeIds.Value) is { } assigneeError)
        {
            return WriteResult<TaskItem>.Invalid(AssigneesField, assigneeError);
        }

        if (TaskValidator.CheckDue(patch.DueAt.GetValueOr(null), patch.DueDate.GetValueOr(null)) is { } dueError)
        {
            return WriteResult<TaskItem>.Invalid("dueDate", dueError);
        }

        // The fields present are checked before anything is read: those absent are stored, hence valid already.
        var fieldErrors = TaskValidator.Validate(
            patch.Title.HasValue ? patch.Title.Value : "-", patch.Description.GetValueOr(null), patch.Priority.GetValueOr(TaskPriority.None), patch.Tags.GetValueOr([]));
        if (fieldErrors.Count > 0)
        {
            return WriteResult<TaskItem>.Invalid(fieldErrors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var ownFieldsOnly = !(patch.BoardId.HasValue || patch.ColumnId.HasValue || patch.Completed.HasValue || patch.AssigneeIds.HasValue);
        if (ownFieldsOnly && db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            var written = await PostgresTaskWrites.PatchAsync(connection, userId, id, patch, DueOf(patch), expectedVersion, Now(), cancellationToken);
            return written switch
            {
                { After: { } after } => Published(userId, after.BoardId, WriteResult<TaskItem>.Ok(after)),
                { Before: null } => await BoardAccess.RefusalAsync<TaskItem, TaskItem>(BoardAccess.Tasks(db, userId).Where(t => t.Id == id), BoardRole.Editor, null, cancellationToken),
                { Before: { } found } when expectedVersion is { } named && named != found.Version => WriteResult<TaskItem>.Conflict(found),
                { Before: { } found, Wanted: false } => WriteResult<TaskItem>.Ok(found),
                _ => await LostRaceAsync(db, userId, id, cancellationToken),
            };
        }

        var task = await BoardAccess.Tasks(db, userId, BoardRole.Editor).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return await BoardAccess.RefusalAsync<TaskItem, TaskItem>(BoardAccess.Tasks(db, userId).Where(t => t.Id == id), BoardRole.Editor, null, cancellationToken);
        }

        if (expectedVersion is { } expected && expected != task.Version)
        {
            return WriteResult<TaskItem>.Conflict(task);
        }

        BoardColumn? column = null;
        if (patch.BoardId.HasValue || patch.ColumnId.HasValue || patch.Completed.HasValue)
        {
            var placed = await TaskPlacement.ResolveAsync(db, userId, patch.BoardId.AsNullable(), patch.ColumnId.AsNullable(), patch.Completed.AsNullable(), task, cancellationToken);
            if (!placed.IsOk)
            {
                return WriteResult<TaskItem>.Failed(placed);
            }

            column = placed.Value;
        }

        var title = patch.Title.GetValueOr(task.Title);
        var description = patch.Description.GetValueOr(task.Description);
        var priority = patch.Priority.GetValueOr(task.Priority);
        var (dueAt, dueIsDate) = DueOf(patch) ?? (task.DueAt, task.DueIsDate);
        var tags = patch.Tags.HasValue ? patch.Tags.Value : task.Tags;
        var moves = column is not null && column.Id != task.ColumnId;
        var boardId = column?.BoardId ?? task.BoardId;
        var assignees = patch.AssigneeIds.HasValue ? patch.AssigneeIds.Value : task.AssigneeIds;
        var reassigned = !assignees.ToHashSet().SetEquals(task.AssigneeIds) || boardId != task.BoardId;
        var unchanged = !moves && !reassigned && title == task.Title && description == task.Description
            && priority == task.Priority && dueAt == task.DueAt && dueIsDate == task.DueIsDate && tags.SequenceEqual(task.Tags, StringComparer.Ordinal);
        if (unchanged)
        {
            return WriteResult<TaskItem>.Ok(task);
        }

        // Assignees must be members of the board; under the board's lock, a member being removed meanwhile cannot stay assigned.
        await using var transaction = reassigned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (reassigned)
        {
            await TaskPositions.SerializeBoardAsync(db, boardId, cancellationToken);
            if (!patch.AssigneeIds.HasValue)
            {
                // Moving to another board: those who are not members there are unassigned.
                assignees = await MembersAmongAsync(db, boardId, assignees, cancellationToken);
            }
            else if (await NotMembersAsync(db, boardId, assignees, cancellationToken) is { } notMembers)
            {
                return WriteResult<TaskItem>.Invalid(AssigneesField, notMembers);
            }
        }

        var now = Now();
        var before = TaskHistory.Before.Of(task);
        if (moves)
        {
            task.Position = await TaskPositions.EndOfColumnAsync(db, column!.Id, task.Id, cancellationToken);
            TaskPlacement.Place(task, column, now);
        }

        task.Title = title;
        task.Description = description;
        task.Priority = priority;
        task.DueAt = dueAt;
        task.DueIsDate = dueIsDate;
        task.Tags = [.. tags];
        task.AssigneeIds = [.. assignees];
        await TaskHistory.ChangedAsync(db, before, task, userId, now, cancellationToken);
        var result = await SaveAsync(db, userId, task, now, cancellationToken);
        if (result.IsOk && transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return Published(userId, before.BoardId, result);
    }

    /// <summary>The due date <paramref name="patch"/> sets, as stored (null: it leaves the due date alone).</summary>
    private static (DateTime? At, bool IsDate)? DueOf(TaskPatch patch) =>
        patch.DueDate is { HasValue: true, Value: { } day } ? (DueDates.Stored(day), true)
        : patch.DueAt.HasValue || patch.DueDate.HasValue ? (ToStoredTime(patch.DueAt.GetValueOr(null)), false)
        : null;

    /// <summary>Another write got to the task between a one-statement write's read and its update: a conflict with the task as it is now (or it is gone).</summary>
    private async Task<WriteResult<TaskItem>> LostRaceAsync(TaskBoardDbContext db, Guid userId, Guid id, CancellationToken cancellationToken) =>
        await oneTask(db, userId, id, cancellationToken) is { } current ? WriteResult<TaskItem>.Conflict(current) : WriteResult<TaskItem>.NotFound();

    public Task<WriteResult<TaskItem>> SetCompletedAsync(
        Guid userId, Guid id, bool completed, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, id, new TaskPatch { Completed = completed }, expectedVersion, cancellationToken);

    /// <summary>
    /// Puts the task into a column between two neighbours by giving it the midpoint of their
    /// positions: one row written. When the gap is too small the column is renumbered first.
    /// </summary>
    public async Task<WriteResult<TaskItem>> MoveAsync(
        Guid userId, Guid id, TaskMove move, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = TaskValidator.CheckMove(id, move);
        if (errors is not null)
        {
            return WriteResult<TaskItem>.Invalid(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await TryMoveToBottomAsync(userId, id, move, expectedVersion, cancellationToken)
                    ?? await TryMoveAsync(userId, id, move, expectedVersion, cancellationToken);
                if (!LostARaceNobodyAskedAbout(result, expectedVersion, attempt))
                {
                    if (result.IsOk)
                    {
                        TaskBoardMetrics.TasksMoved.Add(1);
                    }

                    return result;
                }
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A neighbour changed while the column was being renumbered: start over from fresh positions.
            }
        }
    }

    /// <summary>What a move reads under its board's lock, in one query: the task (when the user may edit it), where it stands, the target column, and the target's last position.</summary>
    private sealed record MoveRead(
        TaskItem Task, string FromColumn, string FromBoard, Guid? TargetId, Guid TargetBoardId, string? TargetName, bool TargetIsDone, string? TargetBoard, double? Last);

    // A move's reads, compiled once: which board the target column is on (when the user edits it), then the rest.
    private readonly Func<TaskBoardDbContext, Guid, Guid, CancellationToken, Task<Guid?>> editableColumnBoard =
        EF.CompileAsyncQuery(BoardAccess.Compile<Func<TaskBoardDbContext, Guid, Guid, CancellationToken, Guid?>>((db, userId, columnId, _) =>
            db.BoardColumns.Where(c => c.Id == columnId && db.Boards.Any(b => b.Id == c.BoardId && BoardAccess.Edits(b, userId)))
                .Select(c => (Guid?)c.BoardId).FirstOrDefault()));

    private readonly Func<TaskBoardDbContext, Guid, Guid, Guid, CancellationToken, Task<MoveRead?>> moveRead =
        EF.CompileAsyncQuery(BoardAccess.Compile<Func<TaskBoardDbContext, Guid, Guid, Guid, CancellationToken, MoveRead?>>((db, userId, id, columnId, _) =>
            db.Tasks.Where(t => t.Id == id && db.Boards.Any(b => b.Id == t.BoardId && BoardAccess.Edits(b, userId)))
                .Select(t => new MoveRead(
                    t,
                    db.BoardColumns.Where(c => c.Id == t.ColumnId).Select(c => c.Name).First(),
                    db.Boards.Where(b => b.Id == t.BoardId).Select(b => b.Name).First(),
                    db.BoardColumns.Where(c => c.Id == columnId).Select(c => (Guid?)c.Id).FirstOrDefault(),
                    db.BoardColumns.Where(c => c.Id == columnId).Select(c => c.BoardId).FirstOrDefault(),
                    db.BoardColumns.Where(c => c.Id == columnId).Select(c => c.Name).FirstOrDefault(),
                    db.BoardColumns.Where(c => c.Id == columnId).Select(c => c.IsDone).FirstOrDefault(),
                    db.BoardColumns.Where(c => c.Id == columnId).Join(db.Boards, c => c.BoardId, b => b.Id, (c, b) => b.Name).FirstOrDefault(),
                    db.Tasks.Where(x => x.ColumnId == columnId && x.Id != id).Max(x => (double?)x.Position)))
                .FirstOrDefault()));

    /// <summary>
    /// The usual move on PostgreSQL, to the bottom of a column of the task's own board, in one round trip; null
    /// when it is not that (or the task is not there to move), which the general path then decides.
    /// </summary>
    private async Task<WriteResult<TaskItem>?> TryMoveToBottomAsync(
        Guid userId, Guid id, TaskMove move, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (move is not { BeforeId: null, AfterId: null })
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var written = await PostgresTaskWrites.MoveToBottomAsync(connection, userId, id, move.ColumnId, expectedVersion, Now(), cancellationToken);
        return written switch
        {
            { After: { } after } => Published(userId, after.BoardId, WriteResult<TaskItem>.Ok(after)),
            { Before: null } => null,
            { Before: { } before } when expectedVersion is { } expected && expected != before.Version => WriteResult<TaskItem>.Conflict(before),
            _ => await LostRaceAsync(db, userId, id, cancellationToken),
        };
    }

    private async Task<WriteResult<TaskItem>> TryMoveAsync(
        Guid userId, Guid id, TaskMove move, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var boardId = await editableColumnBoard(db, userId, move.ColumnId, cancellationToken);
        if (boardId is not null)
        {
            await TaskPositions.SerializeBoardAsync(db, boardId.Value, cancellationToken);
        }

        // Read under the board's lock: the column may have gone, or changed whether it is done.
        var read = await moveRead(db, userId, id, move.ColumnId, cancellationToken);
        if (read is null)
        {
            return await BoardAccess.RefusalAsync<TaskItem, TaskItem>(BoardAccess.Tasks(db, userId).Where(t => t.Id == id), BoardRole.Editor, null, cancellationToken);
        }

        var task = read.Task;
        if (expectedVersion is { } expected && expected != task.Version)
        {
            return WriteResult<TaskItem>.Conflict(task);
        }

        if (boardId is null || read.TargetId is not { } targetId)
        {
            return await BoardAccess.RefusalAsync<TaskItem, BoardColumn>(
                BoardAccess.Columns(db, userId).Where(c => c.Id == move.ColumnId), BoardRole.Editor, "column", cancellationToken);
        }

        var target = new BoardColumn { Id = targetId, BoardId = read.TargetBoardId, Name = read.TargetName!, IsDone = read.TargetIsDone };
        var column = db.Tasks.Where(t => t.ColumnId == target.Id && t.Id != id);
        // To the bottom (the usual move between columns) needs only the last position, which came with the read.
        var gap = move is { BeforeId: null, AfterId: null } ? TaskPositions.Bottom(read.Last) : await TaskPositions.FindGapAsync(column, move, cancellationToken);
        IReadOnlyList<Guid> renumbered = [];
        if (gap.Errors is null && gap.High - gap.Low < TaskPositions.MinimumGap)
        {
            renumbered = await TaskPositions.RenumberAsync(db, column, cancellationToken);
            gap = await TaskPositions.FindGapAsync(column, move, cancellationToken);
        }

        if (gap.Errors is not null)
        {
            // A neighbour the user cannot reach reads as one that does not exist, not as one in another column.
            var neighbour = gap.Errors.ContainsKey("beforeId") ? move.BeforeId : gap.Errors.ContainsKey("afterId") ? move.AfterId : null;
            return neighbour is { } other && !await BoardAccess.Tasks(db, userId).AnyAsync(t => t.Id == other, cancellationToken)
                ? WriteResult<TaskItem>.NotFound("task")
                : WriteResult<TaskItem>.Invalid(gap.Errors);
        }

        var now = Now();
        var before = TaskHistory.Before.Of(task);
        task.Position = gap.Low + ((gap.High - gap.Low) / 2);
        TaskPlacement.Place(task, target, now);
        if (task.BoardId != before.BoardId)
        {
            // Under the target board's lock: only its members stay assigned.
            task.AssigneeIds = await MembersAmongAsync(db, task.BoardId, task.AssigneeIds, cancellationToken);
        }

        await TaskHistory.ChangedAsync(db, before, task, userId, now, cancellationToken,
            new TaskHistory.Places(read.FromColumn, read.FromBoard, target.Name, read.TargetBoard!));
        var result = await SaveAsync(db, userId, task, now, cancellationToken);
        if (result.IsOk)
        {
            await transaction.CommitAsync(cancellationToken);
            changes.Publish(task.BoardId, [task.Id, .. renumbered], userId);
            if (before.BoardId != task.BoardId)
            {
                changes.Publish(before.BoardId, [task.Id], userId);
            }
        }

        return result;
    }

    /// <summary>Deletes the task; the result's value is its id.</summary>
    public async Task<WriteResult<Guid>> DeleteAsync(
        Guid userId, Guid id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var editable = BoardAccess.Tasks(db, userId, BoardRole.Editor).Where(t => t.Id == id);
        var boardId = await editable.Select(t => (Guid?)t.BoardId).FirstOrDefaultAsync(cancellationToken);
        if (boardId is null)
        {
            return await BoardAccess.RefusalAsync<Guid, TaskItem>(BoardAccess.Tasks(db, userId).Where(t => t.Id == id), BoardRole.Editor, null, cancellationToken);
        }

        var matching = expectedVersion is { } expected ? editable.Where(t => t.Version == expected) : editable;
        if (await matching.ExecuteDeleteAsync(cancellationToken) > 0)
        {
            changes.Publish(boardId.Value, [id], userId);
            return WriteResult<Guid>.Ok(id);
        }

        var current = await editable.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return current is null ? WriteResult<Guid>.NotFound() : WriteResult<Guid>.Conflict(current);
    }

    /// <summary>
    /// Puts back a task deleted from a board (the board's undo): same id, fields, column and position, a new
    /// version. Restoring twice is harmless; an id now used on a board the user cannot reach, or a column
    /// that is gone, reads as not found.
    /// </summary>
    public async Task<WriteResult<TaskItem>> RestoreAsync(Guid userId, TaskItem deleted, CancellationToken cancellationToken = default)
    {
        var errors = TaskValidator.Validate(deleted.Title, deleted.Description, deleted.Priority, deleted.Tags);
        if (errors.Count > 0)
        {
            return WriteResult<TaskItem>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == deleted.Id, cancellationToken);
        if (existing is not null)
        {
            return await BoardAccess.Boards(db, userId).AnyAsync(b => b.Id == existing.BoardId, cancellationToken)
                ? WriteResult<TaskItem>.Ok(existing) : WriteResult<TaskItem>.NotFound();
        }

        var column = await BoardAccess.Columns(db, userId, BoardRole.Editor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == deleted.ColumnId, cancellationToken);
        if (column is null)
        {
            return await BoardAccess.RefusalAsync<TaskItem, BoardColumn>(
                BoardAccess.Columns(db, userId).Where(c => c.Id == deleted.ColumnId), BoardRole.Editor, "column", cancellationToken);
        }

        var restored = new TaskItem
        {
            Id = deleted.Id,
            CreatedBy = deleted.CreatedBy,
            UpdatedBy = userId,
            AssigneeIds = await MembersAmongAsync(db, column.BoardId, deleted.AssigneeIds, cancellationToken),
            Title = deleted.Title,
            Description = deleted.Description,
            Priority = deleted.Priority,
            DueAt = deleted.DueAt,
            DueIsDate = deleted.DueIsDate,
            Tags = [.. deleted.Tags],
            Position = deleted.Position,
            CreatedAt = deleted.CreatedAt,
            UpdatedAt = Now(),
            CompletedAt = deleted.CompletedAt,
            Version = deleted.Version + 1,
        };
        TaskPlacement.Place(restored, column, restored.UpdatedAt);
        db.Tasks.Add(restored);
        db.TaskActivities.Add(TaskActivity.For(restored.Id, userId, restored.UpdatedAt, ActivityKind.Restored, ("column", column.Name)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            changes.Publish(restored.BoardId, [restored.Id], userId);
            return WriteResult<TaskItem>.Ok(restored);
        }
        catch (DbUpdateException)
        {
            // A simultaneous second undo got there first.
            db.ChangeTracker.Clear();
            var winner = await BoardAccess.Tasks(db, userId).AsNoTracking().FirstOrDefaultAsync(t => t.Id == deleted.Id, cancellationToken);
            return winner is null ? WriteResult<TaskItem>.NotFound() : WriteResult<TaskItem>.Ok(winner);
        }
    }

    /// <summary>Tells the open boards about a successful write: the task's board, and the one it left when it moved to another.</summary>
    private WriteResult<TaskItem> Published(Guid userId, Guid boardBefore, WriteResult<TaskItem> result)
    {
        if (result.IsOk)
        {
            changes.Publish(result.Value.BoardId, [result.Value.Id], userId);
            if (boardBefore != result.Value.BoardId)
            {
                changes.Publish(boardBefore, [result.Value.Id], userId);
            }
        }

        return result;
    }

    private static async Task<WriteResult<TaskItem>> SaveAsync(
        TaskBoardDbContext db, Guid userId, TaskItem task, DateTime now, CancellationToken cancellationToken)
    {
        var read = task.Version;
        task.Version++;
        task.UpdatedAt = now;
        task.UpdatedBy = userId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return WriteResult<TaskItem>.Ok(task);
        }
        catch (DbUpdateException e)
        {
            // Someone else wrote (or deleted) the task between our read and our write: either the version no
            // longer matched, or the task was gone when its history entry was written. On PostgreSQL the failed
            // statement spoils the transaction, so it is rolled back before the task is read again.
            db.ChangeTracker.Clear();
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            var current = await BoardAccess.Tasks(db, userId).AsNoTracking().FirstOrDefaultAsync(t => t.Id == task.Id, cancellationToken);
            if (current is null)
            {
                return WriteResult<TaskItem>.NotFound();
            }

            if (e is DbUpdateConcurrencyException || current.Version != read)
            {
                return WriteResult<TaskItem>.Conflict(current);
            }

            throw;
        }
    }

    private DateTime Now() => time.UtcNowStored();

    private static DateTime? ToStoredTime(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => StoredTime.Truncate(local.ToUniversalTime()),
        { } other => StoredTime.Truncate(DateTime.SpecifyKind(other, DateTimeKind.Utc)),
    };
}
