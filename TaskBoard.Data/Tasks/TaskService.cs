using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// The one place that knows task queries; the API and the board are thin adapters over it.
/// Every operation takes the acting user's id and filters by it inside the query itself, so a task
/// owned by someone else behaves exactly like one that does not exist.
/// A context is created per call, which makes the service safe to share across requests and circuits.
/// </summary>
public sealed class TaskService(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, TaskChangeFeed changes)
{
    /// <summary>Distance between neighbours after an append or a renumber.</summary>
    public const double PositionStep = 1024;

    /// <summary>Below this gap a midpoint is no longer trustworthy and the column is renumbered.</summary>
    public const double MinimumGap = 1e-6;

    private const int SearchTextMaxLength = 200;

    /// <summary>
    /// Creates a task at the bottom of its column. With an <paramref name="idempotencyKey"/>, a retry of
    /// the same request (say after a lost response) returns the task the first one created instead of
    /// a second copy, and the key used for a different task is refused.
    /// </summary>
    public async Task<TaskResult<TaskItem>> CreateAsync(Guid userId, TaskDraft draft, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var errors = TaskValidator.Validate(draft.Title, draft.Description, draft.Status, draft.Priority, draft.Tags);
        if (TaskValidator.CheckDue(draft.DueAt, draft.DueDate) is { } dueError)
        {
            errors = new Dictionary<string, string[]>(errors) { ["dueDate"] = [dueError] };
        }

        if (idempotencyKey is not null && TaskValidator.CheckIdempotencyKey(idempotencyKey) is { } keyError)
        {
            errors = new Dictionary<string, string[]>(errors) { [TaskValidator.IdempotencyKeyField] = [keyError] };
        }

        if (errors.Count > 0)
        {
            return TaskResult<TaskItem>.Invalid(errors);
        }

        var fingerprint = idempotencyKey is null ? null : TaskValidator.Fingerprint(draft);
        if (idempotencyKey is not null && await FindCreatedAsync(userId, idempotencyKey, fingerprint!, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = Now();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for the read and the write
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            UserId = userId,
            Title = draft.Title,
            Description = draft.Description,
            Status = draft.Status,
            Priority = draft.Priority,
            DueAt = draft.DueDate is { } day ? DueDates.Stored(day) : ToStoredTime(draft.DueAt),
            DueIsDate = draft.DueDate is not null,
            Tags = [.. draft.Tags ?? []],
            Position = await EndOfColumnAsync(db, userId, draft.Status, exceptId: null, cancellationToken),
            CreatedAt = now,
            UpdatedAt = now,
            CompletedAt = draft.Status == TaskItemStatus.Done ? now : null,
            Version = 1,
            IdempotencyKey = idempotencyKey,
            IdempotencyFingerprint = fingerprint,
        };
        db.Tasks.Add(task);
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

        changes.Publish(userId, [task.Id]);
        TaskBoardMetrics.TasksCreated.Add(1);
        return TaskResult<TaskItem>.Ok(task);
    }

    private async Task<TaskResult<TaskItem>?> FindCreatedAsync(Guid userId, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var earlier = await db.Tasks.AsNoTracking()
            .FirstOrDefaultAsync(t => t.UserId == userId && t.IdempotencyKey == idempotencyKey, cancellationToken);
        return earlier switch
        {
            null => null,
            _ when earlier.IdempotencyFingerprint != fingerprint => TaskResult<TaskItem>.KeyReused(),
            _ => TaskResult<TaskItem>.Replay(earlier),
        };
    }

    // The two hottest reads, compiled once: one task, and the first page of one column in board order
    // (what every board and most API clients ask for). Everything else goes through the general query.
    // Per instance, not static: a compiled query belongs to one model, and each provider has its own.
    private readonly Func<TaskBoardDbContext, Guid, Guid, CancellationToken, Task<TaskItem?>> oneTask =
        EF.CompileAsyncQuery((TaskBoardDbContext db, Guid userId, Guid id, CancellationToken _) =>
            db.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id && t.UserId == userId));

    private readonly Func<TaskBoardDbContext, Guid, TaskItemStatus, int, IAsyncEnumerable<TaskItem>> columnStart =
        EF.CompileAsyncQuery((TaskBoardDbContext db, Guid userId, TaskItemStatus status, int take) =>
            db.Tasks.AsNoTracking().Where(t => t.UserId == userId && t.Status == status)
                .OrderBy(t => t.Status).ThenBy(t => t.Position).ThenBy(t => t.Id).Take(take));

    public async Task<TaskItem?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await oneTask(db, userId, id, cancellationToken);
    }

    public async Task<TaskResult<TaskPage>> ListAsync(Guid userId, TaskQuery query, CancellationToken cancellationToken = default)
    {
        var errors = ValidateQuery(query, out var cursor);
        if (errors.Count > 0)
        {
            return TaskResult<TaskPage>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        List<TaskItem> rows;
        if (IsColumnStart(query, cursor))
        {
            rows = [];
            await foreach (var task in columnStart(db, userId, query.Statuses!.First(), query.Limit + 1).WithCancellation(cancellationToken))
            {
                rows.Add(task);
            }
        }
        else
        {
            var tasks = Filter(db.Tasks.AsNoTracking().Where(t => t.UserId == userId), await WithZoneAsync(db, userId, query, cancellationToken));
            if (cursor is not null)
            {
                tasks = After(tasks, cursor);
            }

            rows = await Order(tasks, query.Sort).Take(query.Limit + 1).ToListAsync(cancellationToken);
        }

        if (rows.Count <= query.Limit)
        {
            return TaskResult<TaskPage>.Ok(new TaskPage(rows, null));
        }

        rows.RemoveAt(rows.Count - 1);
        return TaskResult<TaskPage>.Ok(new TaskPage(rows, TaskCursor.After(query.Sort, rows[^1]).Encode()));
    }

    /// <summary>How many of the user's tasks match <paramref name="query"/>'s filters, per status (any statuses it names, its sort and paging aside).</summary>
    public async Task<IReadOnlyDictionary<TaskItemStatus, int>> CountByStatusAsync(Guid userId, TaskQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = await Filter(db.Tasks.AsNoTracking().Where(t => t.UserId == userId),
                await WithZoneAsync(db, userId, query with { Statuses = null }, cancellationToken))
            .GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<TaskItemStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
    }

    /// <summary>
    /// Changes the fields present in <paramref name="patch"/>. With <paramref name="expectedVersion"/>,
    /// a task that changed since that version is reported as a conflict and left as it is.
    /// </summary>
    public async Task<TaskResult<TaskItem>> UpdateAsync(
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
    private static bool LostARaceNobodyAskedAbout(TaskResult<TaskItem> result, int? expectedVersion, int attempt) =>
        result.Outcome == TaskOutcome.Conflict && expectedVersion is null && attempt < MaxAttempts;

    private const int MaxAttempts = 5;

    private async Task<TaskResult<TaskItem>> TryUpdateAsync(
        Guid userId, Guid id, TaskPatch patch, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (task is null)
        {
            return TaskResult<TaskItem>.NotFound();
        }

        if (expectedVersion is { } expected && expected != task.Version)
        {
            return TaskResult<TaskItem>.Conflict(task);
        }

        if (!TryResolveStatus(task.Status, patch, out var status, out var statusError))
        {
            return TaskResult<TaskItem>.Invalid("completed", statusError);
        }

        var title = patch.Title.GetValueOr(task.Title);
        var description = patch.Description.GetValueOr(task.Description);
        var priority = patch.Priority.GetValueOr(task.Priority);
        if (TaskValidator.CheckDue(patch.DueAt.GetValueOr(null), patch.DueDate.GetValueOr(null)) is { } dueError)
        {
            return TaskResult<TaskItem>.Invalid("dueDate", dueError);
        }

        var (dueAt, dueIsDate) = patch.DueDate is { HasValue: true, Value: { } day } ? (DueDates.Stored(day), true)
            : patch.DueAt.HasValue || patch.DueDate.HasValue ? (ToStoredTime(patch.DueAt.GetValueOr(null)), false)
            : (task.DueAt, task.DueIsDate);
        var tags = patch.Tags.HasValue ? patch.Tags.Value : task.Tags;
        var errors = TaskValidator.Validate(title, description, status, priority, tags);
        if (errors.Count > 0)
        {
            return TaskResult<TaskItem>.Invalid(errors);
        }

        var unchanged = title == task.Title && description == task.Description && status == task.Status
            && priority == task.Priority && dueAt == task.DueAt && dueIsDate == task.DueIsDate && tags.SequenceEqual(task.Tags, StringComparer.Ordinal);
        if (unchanged)
        {
            return TaskResult<TaskItem>.Ok(task);
        }

        var now = Now();
        if (status != task.Status)
        {
            task.Position = await EndOfColumnAsync(db, userId, status, task.Id, cancellationToken);
            SetStatus(task, status, now);
        }

        task.Title = title;
        task.Description = description;
        task.Priority = priority;
        task.DueAt = dueAt;
        task.DueIsDate = dueIsDate;
        task.Tags = [.. tags];
        return Published(await SaveAsync(db, task, now, cancellationToken));
    }

    public Task<TaskResult<TaskItem>> SetCompletedAsync(
        Guid userId, Guid id, bool completed, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, id, new TaskPatch { Completed = completed }, expectedVersion, cancellationToken);

    /// <summary>
    /// Puts the task into a column between two neighbours by giving it the midpoint of their
    /// positions: one row written. When the gap is too small the column is renumbered first.
    /// </summary>
    public async Task<TaskResult<TaskItem>> MoveAsync(
        Guid userId, Guid id, TaskMove move, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = ValidateMove(id, move);
        if (errors is not null)
        {
            return TaskResult<TaskItem>.Invalid(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await TryMoveAsync(userId, id, move, expectedVersion, cancellationToken);
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

    private async Task<TaskResult<TaskItem>> TryMoveAsync(
        Guid userId, Guid id, TaskMove move, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SerializeMovesAsync(db, userId, cancellationToken);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (task is null)
        {
            return TaskResult<TaskItem>.NotFound();
        }

        if (expectedVersion is { } expected && expected != task.Version)
        {
            return TaskResult<TaskItem>.Conflict(task);
        }

        var column = db.Tasks.Where(t => t.UserId == userId && t.Status == move.Status && t.Id != id);
        var gap = await FindGapAsync(column, move, cancellationToken);
        IReadOnlyList<Guid> renumbered = [];
        if (gap.Errors is null && gap.High - gap.Low < MinimumGap)
        {
            renumbered = await RenumberAsync(db, column, cancellationToken);
            gap = await FindGapAsync(column, move, cancellationToken);
        }

        if (gap.Errors is not null)
        {
            return TaskResult<TaskItem>.Invalid(gap.Errors);
        }

        var now = Now();
        task.Position = gap.Low + ((gap.High - gap.Low) / 2);
        SetStatus(task, move.Status, now);
        var result = await SaveAsync(db, task, now, cancellationToken);
        if (result.IsOk)
        {
            await transaction.CommitAsync(cancellationToken);
            changes.Publish(userId, [task.Id, .. renumbered]);
        }

        return result;
    }

    /// <summary>Deletes the task; the result's value is its id.</summary>
    public async Task<TaskResult<Guid>> DeleteAsync(
        Guid userId, Guid id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var owned = db.Tasks.Where(t => t.Id == id && t.UserId == userId);
        var matching = expectedVersion is { } expected ? owned.Where(t => t.Version == expected) : owned;
        if (await matching.ExecuteDeleteAsync(cancellationToken) > 0)
        {
            changes.Publish(userId, [id]);
            return TaskResult<Guid>.Ok(id);
        }

        var current = expectedVersion is null ? null : await owned.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return current is null ? TaskResult<Guid>.NotFound() : TaskResult<Guid>.Conflict(current);
    }

    /// <summary>
    /// Puts back a task this user deleted (the board's undo): same id, fields and position, a new
    /// version. Restoring twice is harmless; an id now used by anyone else reads as not found.
    /// </summary>
    public async Task<TaskResult<TaskItem>> RestoreAsync(Guid userId, TaskItem deleted, CancellationToken cancellationToken = default)
    {
        if (deleted.UserId != userId)
        {
            return TaskResult<TaskItem>.NotFound();
        }

        var errors = TaskValidator.Validate(deleted.Title, deleted.Description, deleted.Status, deleted.Priority, deleted.Tags);
        if (errors.Count > 0)
        {
            return TaskResult<TaskItem>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == deleted.Id, cancellationToken);
        if (existing is not null)
        {
            return existing.UserId == userId ? TaskResult<TaskItem>.Ok(existing) : TaskResult<TaskItem>.NotFound();
        }

        var restored = new TaskItem
        {
            Id = deleted.Id,
            UserId = userId,
            Title = deleted.Title,
            Description = deleted.Description,
            Status = deleted.Status,
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
        db.Tasks.Add(restored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            changes.Publish(userId, [restored.Id]);
            return TaskResult<TaskItem>.Ok(restored);
        }
        catch (DbUpdateException)
        {
            // A simultaneous second undo got there first.
            db.ChangeTracker.Clear();
            var winner = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == deleted.Id && t.UserId == userId, cancellationToken);
            return winner is null ? TaskResult<TaskItem>.NotFound() : TaskResult<TaskItem>.Ok(winner);
        }
    }

    /// <summary>Tells the user's open boards about a successful write.</summary>
    private TaskResult<TaskItem> Published(TaskResult<TaskItem> result)
    {
        if (result.IsOk)
        {
            changes.Publish(result.Value.UserId, [result.Value.Id]);
        }

        return result;
    }

    private static async Task<TaskResult<TaskItem>> SaveAsync(
        TaskBoardDbContext db, TaskItem task, DateTime now, CancellationToken cancellationToken)
    {
        task.Version++;
        task.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return TaskResult<TaskItem>.Ok(task);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else wrote (or deleted) the task between our read and our write.
            db.ChangeTracker.Clear();
            var current = await db.Tasks.AsNoTracking()
                .FirstOrDefaultAsync(t => t.Id == task.Id && t.UserId == task.UserId, cancellationToken);
            return current is null ? TaskResult<TaskItem>.NotFound() : TaskResult<TaskItem>.Conflict(current);
        }
    }

    private static void SetStatus(TaskItem task, TaskItemStatus status, DateTime now)
    {
        if (status == TaskItemStatus.Done && task.Status != TaskItemStatus.Done)
        {
            task.CompletedAt = now;
        }
        else if (status != TaskItemStatus.Done)
        {
            task.CompletedAt = null;
        }

        task.Status = status;
    }

    private static bool TryResolveStatus(TaskItemStatus current, TaskPatch patch, out TaskItemStatus status, out string error)
    {
        status = patch.Status.GetValueOr(current);
        error = "";
        if (!patch.Completed.HasValue)
        {
            return true;
        }

        if (patch.Completed.Value)
        {
            if (patch.Status.HasValue && status != TaskItemStatus.Done)
            {
                error = "A completed task must have status done.";
                return false;
            }

            status = TaskItemStatus.Done;
        }
        else if (status == TaskItemStatus.Done)
        {
            if (patch.Status.HasValue)
            {
                error = "A task with status done is completed.";
                return false;
            }

            status = TaskItemStatus.Todo;
        }

        return true;
    }

    private static async Task<double> EndOfColumnAsync(
        TaskBoardDbContext db, Guid userId, TaskItemStatus status, Guid? exceptId, CancellationToken cancellationToken)
    {
        var last = await db.Tasks
            .Where(t => t.UserId == userId && t.Status == status && t.Id != exceptId)
            .MaxAsync(t => (double?)t.Position, cancellationToken);
        return (last ?? 0) + PositionStep;
    }

    private readonly record struct Gap(double Low, double High, Dictionary<string, string[]>? Errors = null);

    private readonly record struct Neighbour(Guid Id, double Position);

    /// <summary>The free interval between the requested neighbours in the target column (ordered by position, then id).</summary>
    private static async Task<Gap> FindGapAsync(IQueryable<TaskItem> column, TaskMove move, CancellationToken cancellationToken)
    {
        Neighbour? above = null, below = null;
        if (move.BeforeId is { } beforeId)
        {
            above = await FindNeighbourAsync(column, beforeId, cancellationToken);
            if (above is null)
            {
                return NotInColumn("beforeId");
            }
        }

        if (move.AfterId is { } afterId)
        {
            below = await FindNeighbourAsync(column, afterId, cancellationToken);
            if (below is null)
            {
                return NotInColumn("afterId");
            }
        }

        if (above is { } a && below is { } b && !Precedes(a, b))
        {
            return new Gap(0, 0, new() { ["afterId"] = ["The task below must come after the task above in the column."] });
        }

        // Directly below the task above. When others have landed between the two neighbours since the
        // caller looked, that is still between them, and never on top of another task's position.
        if (above is { } top)
        {
            var next = await column
                .Where(t => t.Position > top.Position || (t.Position == top.Position && t.Id.CompareTo(top.Id) > 0))
                .OrderBy(t => t.Position).ThenBy(t => t.Id)
                .Select(t => (double?)t.Position).FirstOrDefaultAsync(cancellationToken);
            return new Gap(top.Position, next ?? top.Position + (2 * PositionStep));
        }

        if (below is { } bottom)
        {
            var previous = await column
                .Where(t => t.Position < bottom.Position || (t.Position == bottom.Position && t.Id.CompareTo(bottom.Id) < 0))
                .OrderByDescending(t => t.Position).ThenByDescending(t => t.Id)
                .Select(t => (double?)t.Position).FirstOrDefaultAsync(cancellationToken);
            return new Gap(previous ?? bottom.Position - (2 * PositionStep), bottom.Position);
        }

        var last = await column.MaxAsync(t => (double?)t.Position, cancellationToken) ?? 0;
        return new Gap(last, last + (2 * PositionStep));

        static bool Precedes(Neighbour a, Neighbour b) => a.Position < b.Position || (a.Position == b.Position && a.Id.CompareTo(b.Id) < 0);

        static Gap NotInColumn(string field) => new(0, 0, new() { [field] = ["That task is not in the target column."] });
    }

    private static Task<Neighbour?> FindNeighbourAsync(IQueryable<TaskItem> column, Guid id, CancellationToken cancellationToken) =>
        column.Where(t => t.Id == id).Select(t => (Neighbour?)new Neighbour(t.Id, t.Position)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Spreads the column back out to whole steps, keeping its order; runs inside the move's transaction.</summary>
    /// <summary>
    /// One move at a time per user (until the transaction ends): two moves computed from the same
    /// neighbours would otherwise pick the same midpoint. SQLite already allows one writer at a time.
    /// </summary>
    private static async Task SerializeMovesAsync(TaskBoardDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var key = BitConverter.ToInt64(userId.ToByteArray(), 8);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<Guid>> RenumberAsync(TaskBoardDbContext db, IQueryable<TaskItem> column, CancellationToken cancellationToken)
    {
        var tasks = await column.OrderBy(t => t.Position).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < tasks.Count; i++)
        {
            // Position is part of each task's representation, so its version moves on too.
            tasks[i].Position = PositionStep * (i + 1);
            tasks[i].Version++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. tasks.Select(t => t.Id)];
    }

    private Dictionary<string, string[]> ValidateQuery(TaskQuery query, out TaskCursor? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        cursor = null;
        if (query.Limit is < 1 or > TaskQuery.MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {TaskQuery.MaxLimit}."];
        }

        if (!Enum.IsDefined(query.Sort))
        {
            errors["sort"] = ["Sort must be one of position, due, priority, created, title."];
        }
        else if (query.Cursor is not null && (cursor = TaskCursor.Decode(query.Cursor, query.Sort)) is null)
        {
            errors["cursor"] = ["The cursor is not valid for this query; start again without it."];
        }

        if (query.Statuses?.Any(s => !Enum.IsDefined(s)) == true)
        {
            errors["status"] = ["Status must be one of todo, in_progress, done."];
        }

        if (query.Priorities?.Any(p => !Enum.IsDefined(p)) == true)
        {
            errors["priority"] = ["Priority must be one of none, low, medium, high, urgent."];
        }

        if (query.Due is { } due && !Enum.IsDefined(due))
        {
            errors["due"] = ["Due must be one of overdue, today, week, none."];
        }

        if (TaskValidator.CheckText("The search text", query.Text, SearchTextMaxLength, required: false, multiline: false) is { } textError)
        {
            errors["q"] = [textError];
        }

        if (TaskValidator.CheckText("The tag", query.Tag, TaskItem.TagMaxLength, required: false, multiline: false) is { } tagError)
        {
            errors["tag"] = [tagError];
        }

        return errors;
    }

    private static Dictionary<string, string[]>? ValidateMove(Guid id, TaskMove move)
    {
        if (!Enum.IsDefined(move.Status))
        {
            return new() { ["status"] = ["Status must be one of todo, in_progress, done."] };
        }

        if (move.BeforeId == id || move.AfterId == id)
        {
            return new() { [move.BeforeId == id ? "beforeId" : "afterId"] = ["A task cannot be placed next to itself."] };
        }

        return move.BeforeId is not null && move.BeforeId == move.AfterId
            ? new() { ["afterId"] = ["The tasks above and below must be different."] }
            : null;
    }

    /// <summary>A due window without a zone of its own is read in the user's zone (their profile's), else UTC.</summary>
    private static async Task<TaskQuery> WithZoneAsync(TaskBoardDbContext db, Guid userId, TaskQuery query, CancellationToken cancellationToken)
    {
        if (query.Due is null || query.TimeZone is not null)
        {
            return query;
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return query with { TimeZone = DueDates.FindZone(name) ?? TimeZoneInfo.Utc };
    }

    private IQueryable<TaskItem> Filter(IQueryable<TaskItem> tasks, TaskQuery query)
    {
        if (query.Statuses is { Count: > 0 } statuses)
        {
            tasks = tasks.Where(t => statuses.Contains(t.Status));
        }

        if (query.Priorities is { Count: > 0 } priorities)
        {
            tasks = tasks.Where(t => priorities.Contains(t.Priority));
        }

        if (!string.IsNullOrEmpty(query.Tag))
        {
            var tag = query.Tag;
            tasks = tasks.Where(t => t.Tags.Contains(tag));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            tasks = tasks.Where(t => t.Title.ToLower().Contains(text) || (t.Description != null && t.Description.ToLower().Contains(text)));
        }

        return query.Due is { } due ? FilterDue(tasks, due, query.TimeZone ?? TimeZoneInfo.Utc) : tasks;
    }

    private IQueryable<TaskItem> FilterDue(IQueryable<TaskItem> tasks, DueWindow due, TimeZoneInfo zone)
    {
        // Timed tasks compare with instants; day tasks (stored as their midnight UTC) with the reader's calendar day.
        var now = Now();
        var today = DueDates.Today(now, zone);
        var startOfToday = DueDates.StartOfDayUtc(today, zone);
        var endOfToday = DueDates.StartOfDayUtc(today.AddDays(1), zone);
        var endOfWeek = DueDates.StartOfDayUtc(today.AddDays(7), zone);
        var todayDay = DueDates.Stored(today);
        var tomorrowDay = DueDates.Stored(today.AddDays(1));
        var weekEndDay = DueDates.Stored(today.AddDays(7));
        return due switch
        {
            DueWindow.Overdue => tasks.Where(t => t.Status != TaskItemStatus.Done
                && ((!t.DueIsDate && t.DueAt < now) || (t.DueIsDate && t.DueAt < todayDay))),
            DueWindow.Today => tasks.Where(t => (!t.DueIsDate && t.DueAt >= startOfToday && t.DueAt < endOfToday)
                || (t.DueIsDate && t.DueAt >= todayDay && t.DueAt < tomorrowDay)),
            DueWindow.Week => tasks.Where(t => (!t.DueIsDate && t.DueAt >= startOfToday && t.DueAt < endOfWeek)
                || (t.DueIsDate && t.DueAt >= todayDay && t.DueAt < weekEndDay)),
            _ => tasks.Where(t => t.DueAt == null),
        };
    }

    /// <summary>The first page of one column in board order, with no other filter: <see cref="columnStart"/> answers it.</summary>
    private static bool IsColumnStart(TaskQuery query, TaskCursor? cursor) =>
        cursor is null && query.Sort == TaskSort.Position && query.Statuses is { Count: 1 }
        && query.Priorities is not { Count: > 0 } && string.IsNullOrEmpty(query.Tag) && string.IsNullOrWhiteSpace(query.Text) && query.Due is null;

    private static IQueryable<TaskItem> Order(IQueryable<TaskItem> tasks, TaskSort sort) => sort switch
    {
        TaskSort.Position => tasks.OrderBy(t => t.Status).ThenBy(t => t.Position).ThenBy(t => t.Id),
        TaskSort.Due => tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        TaskSort.Priority => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
        TaskSort.Created => tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        _ => tasks.OrderBy(t => t.Title).ThenBy(t => t.Id),
    };

    /// <summary>The rows strictly after the cursor in <see cref="Order"/>'s order.</summary>
    private static IQueryable<TaskItem> After(IQueryable<TaskItem> tasks, TaskCursor cursor)
    {
        var id = cursor.Id;
        switch (cursor.Sort)
        {
            case TaskSort.Position:
                var status = (TaskItemStatus)cursor.Rank!.Value;
                var position = cursor.Position!.Value;
                return tasks.Where(t => t.Status > status
                    || (t.Status == status && (t.Position > position || (t.Position == position && t.Id.CompareTo(id) > 0))));
            case TaskSort.Due when cursor.Time is { } dueAt:
                return tasks.Where(t => t.DueAt == null || t.DueAt > dueAt || (t.DueAt == dueAt && t.Id.CompareTo(id) > 0));
            case TaskSort.Due:
                return tasks.Where(t => t.DueAt == null && t.Id.CompareTo(id) > 0);
            case TaskSort.Priority:
                var priority = (TaskPriority)cursor.Rank!.Value;
                return tasks.Where(t => t.Priority < priority || (t.Priority == priority && t.Id.CompareTo(id) > 0));
            case TaskSort.Created:
                var createdAt = cursor.Time!.Value;
                return tasks.Where(t => t.CreatedAt < createdAt || (t.CreatedAt == createdAt && t.Id.CompareTo(id) < 0));
            default:
                var title = cursor.Title!;
                return tasks.Where(t => string.Compare(t.Title, title) > 0 || (t.Title == title && t.Id.CompareTo(id) > 0));
        }
    }

    /// <summary>Now, to the microsecond: the precision PostgreSQL stores, so a value reads back exactly as written.</summary>
    private DateTime Now() => Truncate(time.GetUtcNow().UtcDateTime);

    private static DateTime? ToStoredTime(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => Truncate(local.ToUniversalTime()),
        { } other => Truncate(DateTime.SpecifyKind(other, DateTimeKind.Utc)),
    };

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}
