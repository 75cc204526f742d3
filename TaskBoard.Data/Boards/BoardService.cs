using System.Buffers.Text;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Boards;

/// <summary>
/// Boards and their columns. Every operation starts from <see cref="BoardAccess"/>, so a board the user
/// cannot reach is not found. Column changes of a board are serialised with its task moves, and each
/// moves the board's version on, so the board's ETag covers its columns.
/// </summary>
public sealed class BoardService(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, TaskChangeFeed changes)
{
    public async Task<WriteResult<BoardPage>> ListAsync(Guid userId, BoardQuery query, CancellationToken cancellationToken = default)
    {
        Guid? after = null;
        if (query.Limit is < 1 or > BoardQuery.MaxLimit)
        {
            return WriteResult<BoardPage>.Invalid("limit", $"Limit must be between 1 and {BoardQuery.MaxLimit}.");
        }

        if (query.Cursor is not null && (after = DecodeCursor(query.Cursor)) is null)
        {
            return WriteResult<BoardPage>.Invalid("cursor", "The cursor is not valid for this query; start again without it.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var boards = BoardAccess.Boards(db, userId).AsNoTracking()
            .Where(b => query.Archived ? b.ArchivedAt != null : b.ArchivedAt == null);
        if (after is { } last)
        {
            boards = boards.Where(b => b.Id.CompareTo(last) > 0);
        }

        var rows = await ReadAsync(boards.OrderBy(b => b.Id).Take(query.Limit + 1), userId, cancellationToken);
        if (rows.Count <= query.Limit)
        {
            return WriteResult<BoardPage>.Ok(new BoardPage(rows, null));
        }

        rows.RemoveAt(rows.Count - 1);
        return WriteResult<BoardPage>.Ok(new BoardPage(rows, Base64Url.EncodeToString(rows[^1].Id.ToByteArray())));
    }

    private static Guid? DecodeCursor(string cursor)
    {
        if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(cursor);
        return bytes.Length == 16 ? new Guid(bytes) : null;
    }

    /// <summary>The board with its columns in order and the user's role on it, or null when the user cannot reach it.</summary>
    public async Task<Board?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await ReadAsync(BoardAccess.Boards(db, userId).AsNoTracking().Where(b => b.Id == id), userId, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Boards with their columns in order and <paramref name="userId"/>'s role on each, in the order of <paramref name="boards"/>.</summary>
    private static async Task<List<Board>> ReadAsync(IQueryable<Board> boards, Guid userId, CancellationToken cancellationToken)
    {
        var rows = await boards
            .Select(b => new
            {
                Board = b,
                Role = b.Members.Where(m => m.UserId == userId).Select(m => m.Role).FirstOrDefault(),
                Columns = b.Columns.OrderBy(c => c.Position).ToList(),
            })
            .AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.Board.Role = row.Role;
            row.Board.Columns = row.Columns;
        }

        return [.. rows.Select(r => r.Board)];
    }

    /// <summary>The board to open first: the last one the user opened while it is still reachable and in use, else their default board.</summary>
    public async Task<Guid> LandingBoardIdAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var last = await db.Users.Where(u => u.Id == userId).Select(u => u.LastBoardId).FirstOrDefaultAsync(cancellationToken);
        if (last is { } id && await BoardAccess.Boards(db, userId).AnyAsync(b => b.Id == id && b.ArchivedAt == null, cancellationToken))
        {
            return id;
        }

        return await DefaultBoardIdAsync(db, userId, Now(), cancellationToken);
    }

    /// <summary>Remembers the board the user opened, for <see cref="LandingBoardIdAsync"/>.</summary>
    public async Task RememberOpenedAsync(Guid userId, Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId && u.LastBoardId != boardId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastBoardId, boardId), cancellationToken);
    }

    /// <summary>Gives a new account its first board.</summary>
    public async Task CreateDefaultAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await DefaultBoardIdAsync(db, userId, Now(), cancellationToken);
    }

    /// <summary>
    /// The user's default board: the first board they own that is not archived. When they have none
    /// (all archived or deleted), a new "My tasks" is made, so a task always has somewhere to go.
    /// </summary>
    internal static async Task<Guid> DefaultBoardIdAsync(TaskBoardDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.Boards.Where(b => b.OwnerId == userId && b.ArchivedAt == null)
            .OrderBy(b => b.Id).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
        return existing ?? (await AddDefaultBoardAsync(db, userId, now, cancellationToken)).Id;
    }

    /// <summary>The first column of a user's default board, and the position of its last task (null: none).</summary>
    internal sealed record DefaultPlace(BoardColumn Column, double? Last);

    /// <summary>
    /// The query for <see cref="DefaultPlaceAsync"/>, compiled once per model (each provider has its own): it runs
    /// for every create that names no place, and a LINQ query costs more to look up in EF's cache than to run.
    /// </summary>
    internal static Func<TaskBoardDbContext, Guid, CancellationToken, Task<DefaultPlace?>> CompileDefaultPlace() =>
        EF.CompileAsyncQuery((TaskBoardDbContext db, Guid userId, CancellationToken _) => (
            from column in db.BoardColumns.AsNoTracking()
            join board in db.Boards on column.BoardId equals board.Id
            where board.OwnerId == userId && board.ArchivedAt == null
            orderby board.Id, column.Position
            select new DefaultPlace(column, db.Tasks.Where(t => t.ColumnId == column.Id).Max(t => (double?)t.Position))).FirstOrDefault());

    /// <summary>
    /// Where a task goes when nothing is named: the first column of the user's default board (see
    /// <see cref="DefaultBoardIdAsync"/>) and the position at its bottom, in one query (<paramref name="query"/>,
    /// from <see cref="CompileDefaultPlace"/>).
    /// </summary>
    internal static async Task<(BoardColumn Column, double Position)> DefaultPlaceAsync(
        TaskBoardDbContext db, Func<TaskBoardDbContext, Guid, CancellationToken, Task<DefaultPlace?>> query, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await query(db, userId, cancellationToken);
        return existing is not null
            ? (existing.Column, (existing.Last ?? 0) + TaskPositions.PositionStep)
            : ((await AddDefaultBoardAsync(db, userId, now, cancellationToken)).Columns[0], TaskPositions.PositionStep);
    }

    private static async Task<Board> AddDefaultBoardAsync(TaskBoardDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var board = NewBoard(userId, Board.DefaultName, [.. BoardColumn.Defaults.Select(c => new ColumnDraft(c.Name, c.IsDone))], now);
        db.Boards.Add(board);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return board;
    }

    /// <summary>A new board of <paramref name="ownerId"/>'s, who is its first member.</summary>
    private static Board NewBoard(Guid ownerId, string name, IReadOnlyList<ColumnDraft> columns, DateTime now)
    {
        var board = new Board
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            OwnerId = ownerId,
            Name = name.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            Role = BoardRole.Owner,
        };
        board.Members = [new BoardMember { BoardId = board.Id, UserId = ownerId, Role = BoardRole.Owner, CreatedAt = now }];
        board.Columns = [.. columns.Select((c, i) => new BoardColumn
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            BoardId = board.Id,
            Name = c.Name.Trim(),
            Position = i,
            IsDone = c.IsDone,
            WipLimit = c.WipLimit,
            Version = 1,
        })];
        return board;
    }

    public async Task<WriteResult<Board>> CreateAsync(Guid userId, BoardDraft draft, CancellationToken cancellationToken = default)
    {
        var columns = draft.Columns ?? [.. BoardColumn.Defaults.Select(c => new ColumnDraft(c.Name, c.IsDone))];
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "name", CheckName(draft.Name));
        if (columns.Count is 0 or > Board.MaxColumns)
        {
            AddError(errors, "columns", $"A board has 1 to {Board.MaxColumns} columns.");
        }

        for (var i = 0; i < columns.Count; i++)
        {
            AddError(errors, $"columns[{i}].name", CheckColumnName(columns[i].Name));
            AddError(errors, $"columns[{i}].wipLimit", CheckWipLimit(columns[i].WipLimit));
        }

        if (errors.Count > 0)
        {
            return WriteResult<Board>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var board = NewBoard(userId, draft.Name, columns, Now());
        db.Boards.Add(board);
        await db.SaveChangesAsync(cancellationToken);
        changes.PublishToUser(userId);
        return WriteResult<Board>.Ok(board);
    }

    /// <summary>Renames, archives or restores a board (its owner).</summary>
    public async Task<WriteResult<Board>> UpdateAsync(Guid userId, Guid id, BoardPatch patch, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (patch.Name.HasValue && CheckName(patch.Name.Value) is { } nameError)
        {
            return WriteResult<Board>.Invalid("name", nameError);
        }

        var members = new List<Guid>();
        var result = await WriteAsync(userId, id, BoardRole.Owner, expectedVersion, async (db, board, now) =>
        {
            var name = patch.Name.HasValue ? patch.Name.Value.Trim() : board.Name;
            var archive = patch.Archived.HasValue && patch.Archived.Value != (board.ArchivedAt is not null);
            if (name == board.Name && !archive)
            {
                return WriteResult<Board>.Ok(board);
            }

            board.Name = name;
            if (archive)
            {
                board.ArchivedAt = patch.Archived.Value ? now : null;
            }

            members.AddRange(await db.BoardMembers.Where(m => m.BoardId == id).Select(m => m.UserId).ToListAsync(cancellationToken));
            return WriteResult<Board>.Ok(board);
        }, cancellationToken);

        // Renamed, archived or restored: every member's list of boards changes.
        PublishToMembers(members);
        return result;
    }

    /// <summary>Deletes a board with its columns and tasks, for good (its owner). <paramref name="confirmName"/> must be the board's name.</summary>
    public async Task<WriteResult<Guid>> DeleteAsync(Guid userId, Guid id, string? confirmName, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TaskPositions.SerializeBoardAsync(db, id, cancellationToken);
        var board = await BoardAccess.Boards(db, userId, BoardRole.Owner).AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (board is null)
        {
            return await BoardAccess.RefusalAsync<Guid, Board>(BoardAccess.Boards(db, userId).Where(b => b.Id == id), BoardRole.Owner, null, cancellationToken);
        }

        if (expectedVersion is { } expected && expected != board.Version)
        {
            return WriteResult<Guid>.Conflict(board);
        }

        if (confirmName != board.Name)
        {
            return WriteResult<Guid>.Invalid("confirm", "Type the board's name exactly to delete it with all its tasks.");
        }

        var members = await db.BoardMembers.Where(m => m.BoardId == id).Select(m => m.UserId).ToListAsync(cancellationToken);
        await db.Tasks.Where(t => t.BoardId == id).ExecuteDeleteAsync(cancellationToken);
        await db.BoardColumns.Where(c => c.BoardId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Boards.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Publish(id, [], userId);
        PublishToMembers(members);
        return WriteResult<Guid>.Ok(id);
    }

    /// <summary>Adds a column at the right end of the board.</summary>
    public Task<WriteResult<BoardColumn>> AddColumnAsync(Guid userId, Guid boardId, ColumnDraft draft, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "name", CheckColumnName(draft.Name));
        AddError(errors, "wipLimit", CheckWipLimit(draft.WipLimit));
        if (errors.Count > 0)
        {
            return Task.FromResult(WriteResult<BoardColumn>.Invalid(errors));
        }

        return WriteColumnsAsync(userId, boardId, null, null, (db, board, columns, now) =>
        {
            if (columns.Count >= Board.MaxColumns)
            {
                return Task.FromResult(WriteResult<BoardColumn>.Invalid("name", $"A board has at most {Board.MaxColumns} columns."));
            }

            var column = new BoardColumn
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(now)),
                BoardId = board.Id,
                Name = draft.Name.Trim(),
                Position = columns.Count,
                IsDone = draft.IsDone,
                WipLimit = draft.WipLimit,
                Version = 1,
            };
            db.BoardColumns.Add(column);
            return Task.FromResult(WriteResult<BoardColumn>.Ok(column));
        }, cancellationToken);
    }

    /// <summary>Renames a column, marks it done or not (completing or reopening its tasks), or sets its WIP limit.</summary>
    public Task<WriteResult<BoardColumn>> UpdateColumnAsync(
        Guid userId, Guid boardId, Guid columnId, ColumnPatch patch, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        AddError(errors, "name", patch.Name.HasValue ? CheckColumnName(patch.Name.Value) : null);
        AddError(errors, "wipLimit", patch.WipLimit.HasValue ? CheckWipLimit(patch.WipLimit.Value) : null);
        if (errors.Count > 0)
        {
            return Task.FromResult(WriteResult<BoardColumn>.Invalid(errors));
        }

        return WriteColumnsAsync(userId, boardId, columnId, expectedVersion, async (db, _, columns, now) =>
        {
            var column = columns.First(c => c.Id == columnId);
            var name = patch.Name.HasValue ? patch.Name.Value.Trim() : column.Name;
            var isDone = patch.IsDone.GetValueOr(column.IsDone);
            var wipLimit = patch.WipLimit.GetValueOr(column.WipLimit);
            if (name == column.Name && isDone == column.IsDone && wipLimit == column.WipLimit)
            {
                return WriteResult<BoardColumn>.Ok(column);
            }

            if (isDone != column.IsDone)
            {
                // Its tasks follow: a task is completed exactly when it stands in a done column.
                var tasks = db.Tasks.Where(t => t.ColumnId == columnId);
                await (isDone
                    ? tasks.ExecuteUpdateAsync(t => t.SetProperty(x => x.CompletedAt, now).SetProperty(x => x.Version, x => x.Version + 1)
                        .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.UpdatedBy, userId), cancellationToken)
                    : tasks.ExecuteUpdateAsync(t => t.SetProperty(x => x.CompletedAt, (DateTime?)null).SetProperty(x => x.Version, x => x.Version + 1)
                        .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.UpdatedBy, userId), cancellationToken));
            }

            column.Name = name;
            column.IsDone = isDone;
            column.WipLimit = wipLimit;
            column.Version++;
            return WriteResult<BoardColumn>.Ok(column);
        }, cancellationToken);
    }

    /// <summary>Puts a column between two others of its board.</summary>
    public Task<WriteResult<BoardColumn>> MoveColumnAsync(
        Guid userId, Guid boardId, Guid columnId, ColumnMove move, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (move.BeforeId == columnId || move.AfterId == columnId)
        {
            return Task.FromResult(WriteResult<BoardColumn>.Invalid(move.BeforeId == columnId ? "beforeId" : "afterId", "A column cannot be placed next to itself."));
        }

        return WriteColumnsAsync(userId, boardId, columnId, expectedVersion, async (db, _, columns, _) =>
        {
            var column = columns.First(c => c.Id == columnId);
            var others = columns.Where(c => c.Id != columnId).ToList();
            var left = move.BeforeId is { } beforeId ? others.FindIndex(c => c.Id == beforeId) : -1;
            var right = move.AfterId is { } afterId ? others.FindIndex(c => c.Id == afterId) : -1;
            if (move.BeforeId is { } strayLeft && left < 0)
            {
                return await NotOnThisBoardAsync(db, userId, strayLeft, "beforeId");
            }

            if (move.AfterId is { } strayRight && right < 0)
            {
                return await NotOnThisBoardAsync(db, userId, strayRight, "afterId");
            }

            if (move.BeforeId is not null && move.AfterId is not null && right != left + 1)
            {
                return WriteResult<BoardColumn>.Invalid("afterId", "The columns to the left and right must be next to each other.");
            }

            var index = move.BeforeId is not null ? left + 1 : move.AfterId is not null ? right : others.Count;
            others.Insert(index, column);
            for (var i = 0; i < others.Count; i++)
            {
                if (others[i].Position != i)
                {
                    others[i].Position = i;
                    others[i].Version++;
                }
            }

            return WriteResult<BoardColumn>.Ok(column);
        }, cancellationToken);
    }

    /// <summary>A column named in a request that is not on the board: another board's of the user is a mistake (400); one the user cannot reach does not exist (404).</summary>
    private static async Task<WriteResult<BoardColumn>> NotOnThisBoardAsync(TaskBoardDbContext db, Guid userId, Guid columnId, string field) =>
        await BoardAccess.Columns(db, userId).AnyAsync(c => c.Id == columnId)
            ? WriteResult<BoardColumn>.Invalid(field, "That column is on another board.")
            : WriteResult<BoardColumn>.NotFound("column");

    /// <summary>
    /// Deletes a column. Its tasks, if any, move to the bottom of <paramref name="moveTasksTo"/> (another
    /// column of the board) in their order, completed or reopened by where they land. A board keeps one column at least.
    /// </summary>
    public async Task<WriteResult<Guid>> DeleteColumnAsync(
        Guid userId, Guid boardId, Guid columnId, Guid? moveTasksTo, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var result = await WriteColumnsAsync(userId, boardId, columnId, expectedVersion, async (db, board, columns, now) =>
        {
            var column = columns.First(c => c.Id == columnId);
            if (columns.Count == 1)
            {
                return WriteResult<BoardColumn>.Invalid("columnId", "A board needs at least one column.");
            }

            var tasks = await db.Tasks.Where(t => t.ColumnId == columnId).OrderBy(t => t.Position).ThenBy(t => t.Id).ToListAsync(cancellationToken);
            if (tasks.Count > 0)
            {
                var target = moveTasksTo is { } targetId ? columns.FirstOrDefault(c => c.Id == targetId && c.Id != columnId) : null;
                if (target is null)
                {
                    return moveTasksTo is { } stray && stray != columnId && !columns.Any(c => c.Id == stray)
                        ? await NotOnThisBoardAsync(db, userId, stray, "moveTasksTo")
                        : WriteResult<BoardColumn>.Invalid("moveTasksTo", $"The column holds {tasks.Count} task(s): name another column of this board to move them to.");
                }

                var end = await TaskPositions.EndOfColumnAsync(db, target.Id, exceptId: null, cancellationToken);
                var places = new TaskHistory.Places(column.Name, board.Name, target.Name, board.Name);
                for (var i = 0; i < tasks.Count; i++)
                {
                    var before = TaskHistory.Before.Of(tasks[i]);
                    tasks[i].Position = end + (i * TaskPositions.PositionStep);
                    TaskPlacement.Place(tasks[i], target, now);
                    tasks[i].Version++;
                    tasks[i].UpdatedAt = now;
                    tasks[i].UpdatedBy = userId;
                    await TaskHistory.ChangedAsync(db, before, tasks[i], userId, now, cancellationToken, places);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            db.BoardColumns.Remove(column);
            columns.Remove(column);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Position != i)
                {
                    columns[i].Position = i;
                    columns[i].Version++;
                }
            }

            return WriteResult<BoardColumn>.Ok(column);
        }, cancellationToken);
        return result.IsOk ? WriteResult<Guid>.Ok(columnId) : WriteResult<Guid>.Failed(result);
    }

    /// <summary>
    /// A read-check-write of a board's columns (its editors and owner): the column (when named) must be on the board and at
    /// <paramref name="expectedVersion"/>; <paramref name="change"/> then works on the tracked columns in order.
    /// </summary>
    private Task<WriteResult<BoardColumn>> WriteColumnsAsync(
        Guid userId, Guid boardId, Guid? columnId, int? expectedVersion,
        Func<TaskBoardDbContext, Board, List<BoardColumn>, DateTime, Task<WriteResult<BoardColumn>>> change, CancellationToken cancellationToken) =>
        WriteAsync(userId, boardId, BoardRole.Editor, null, async (db, board, now) =>
        {
            var columns = await db.BoardColumns.Where(c => c.BoardId == boardId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(cancellationToken);
            var column = columnId is { } id ? columns.FirstOrDefault(c => c.Id == id) : null;
            if (columnId is not null && column is null)
            {
                return WriteResult<BoardColumn>.NotFound();
            }

            return expectedVersion is { } expected && column is not null && expected != column.Version
                ? WriteResult<BoardColumn>.Conflict(column)
                : await change(db, board, columns, now);
        }, cancellationToken);

    /// <summary>
    /// A read-check-write of one board under its lock (the lock its task moves take too): the user must reach
    /// the board with role <paramref name="needed"/> (reaching it with less is refused; not at all, not found),
    /// and it must be at <paramref name="expectedVersion"/>. When <paramref name="change"/> succeeds and changed
    /// anything, the board's version moves on, all is saved in one transaction, and open boards hear of it.
    /// </summary>
    private async Task<WriteResult<T>> WriteAsync<T>(
        Guid userId, Guid boardId, BoardRole needed, int? expectedVersion, Func<TaskBoardDbContext, Board, DateTime, Task<WriteResult<T>>> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TaskPositions.SerializeBoardAsync(db, boardId, cancellationToken);
        // With its columns and the user's role, so the board a write answers with is whole.
        var board = (await ReadAsync(BoardAccess.Boards(db, userId, needed).Where(b => b.Id == boardId), userId, cancellationToken)).FirstOrDefault();
        if (board is null)
        {
            return await BoardAccess.RefusalAsync<T, Board>(BoardAccess.Boards(db, userId).Where(b => b.Id == boardId), needed, "board", cancellationToken);
        }

        if (expectedVersion is { } expected && expected != board.Version)
        {
            return WriteResult<T>.Conflict(board);
        }

        var now = Now();
        var result = await change(db, board, now);
        if (!result.IsOk || !db.ChangeTracker.HasChanges())
        {
            return result;
        }

        board.Version++;
        board.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Publish(boardId, [], userId);
        return result;
    }

    private void PublishToMembers(IEnumerable<Guid> members)
    {
        foreach (var member in members)
        {
            changes.PublishToUser(member);
        }
    }

    private static string? CheckName(string? name) => TaskValidator.CheckText("Name", name, Board.NameMaxLength, required: true, multiline: false);

    private static string? CheckColumnName(string? name) => TaskValidator.CheckText("Column name", name, BoardColumn.NameMaxLength, required: true, multiline: false);

    private static string? CheckWipLimit(int? limit) =>
        limit is < 1 or > BoardColumn.MaxWipLimit ? $"WIP limit must be from 1 to {BoardColumn.MaxWipLimit}, or null for none." : null;

    private static void AddError(Dictionary<string, string[]> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors[field] = [message];
        }
    }

    private DateTime Now() => time.UtcNowStored();
}
