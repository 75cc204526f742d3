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
            Position = await TaskPositions.EndOfColumnAsync(db, userId, draft.Status, exceptId: null, cancellationToken),
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
        var errors = TaskListing.ValidateQuery(query, out var cursor);
        if (errors.Count > 0)
        {
            return TaskResult<TaskPage>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        List<TaskItem> rows;
        if (TaskListing.IsColumnStart(query, cursor))
        {
            rows = [];
            await foreach (var task in columnStart(db, userId, query.Statuses!.First(), query.Limit + 1).WithCancellation(cancellationToken))
            {
                rows.Add(task);
            }
        }
        else
        {
            var tasks = TaskListing.Filter(db.Tasks.AsNoTracking().Where(t => t.UserId == userId), await TaskListing.WithZoneAsync(db, userId, query, cancellationToken), Now());
            if (cursor is not null)
            {
                tasks = TaskListing.After(tasks, cursor);
            }

            rows = await TaskListing.Order(tasks, query.Sort).Take(query.Limit + 1).ToListAsync(cancellationToken);
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
        var counts = await TaskListing.Filter(db.Tasks.AsNoTracking().Where(t => t.UserId == userId),
                await TaskListing.WithZoneAsync(db, userId, query with { Statuses = null }, cancellationToken), Now())
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
            task.Position = await TaskPositions.EndOfColumnAsync(db, userId, status, task.Id, cancellationToken);
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
        var errors = TaskValidator.CheckMove(id, move);
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
        await TaskPositions.SerializeMovesAsync(db, userId, cancellationToken);
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
        var gap = await TaskPositions.FindGapAsync(column, move, cancellationToken);
        IReadOnlyList<Guid> renumbered = [];
        if (gap.Errors is null && gap.High - gap.Low < TaskPositions.MinimumGap)
        {
            renumbered = await TaskPositions.RenumberAsync(db, column, cancellationToken);
            gap = await TaskPositions.FindGapAsync(column, move, cancellationToken);
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
