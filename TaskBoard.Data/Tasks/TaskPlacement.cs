using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// Which column a task goes to when it is created or changed: the column named; else the first column
/// of the board named (or of its own board), or the first that is or is not done when completion
/// changes. A task is completed exactly when it stands in a done column, so the two never disagree.
/// A board or column named must be one the user edits (an editor or the owner): one they only view is
/// refused, one they do not reach is not found.
/// </summary>
internal static class TaskPlacement
{
    internal static async Task<WriteResult<BoardColumn>> ResolveAsync(
        TaskBoardDbContext db, Guid userId, Guid? boardId, Guid? columnId, bool? completed, TaskItem? current, CancellationToken cancellationToken)
    {
        if (columnId is { } named)
        {
            var column = await BoardAccess.Columns(db, userId, BoardRole.Editor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == named, cancellationToken);
            if (column is null)
            {
                return await BoardAccess.RefusalAsync<BoardColumn, BoardColumn>(
                    BoardAccess.Columns(db, userId).Where(c => c.Id == named), BoardRole.Editor, "column", cancellationToken);
            }

            if (boardId is { } board && board != column.BoardId)
            {
                return WriteResult<BoardColumn>.Invalid("columnId", "That column is on another board than boardId.");
            }

            return completed is { } done && done != column.IsDone
                ? WriteResult<BoardColumn>.Invalid("completed", done
                    ? "A completed task stands in a done column: name one, or leave columnId out."
                    : "A task in a done column is completed: name a column that is not done, or leave columnId out.")
                : WriteResult<BoardColumn>.Ok(column);
        }

        var targetBoard = boardId ?? current?.BoardId ?? throw new ArgumentException("A new task needs a board.", nameof(boardId));
        if (boardId is not null && boardId != current?.BoardId && !await BoardAccess.Boards(db, userId, BoardRole.Editor).AnyAsync(b => b.Id == targetBoard, cancellationToken))
        {
            return await BoardAccess.RefusalAsync<BoardColumn, Board>(
                BoardAccess.Boards(db, userId).Where(b => b.Id == targetBoard), BoardRole.Editor, "board", cancellationToken);
        }

        var wantsDone = completed ?? current?.Completed;
        if (current is not null && targetBoard == current.BoardId && wantsDone == current.Completed)
        {
            // Nothing says it should move: it stays in its column.
            var own = await db.BoardColumns.AsNoTracking().FirstAsync(c => c.Id == current.ColumnId, cancellationToken);
            return WriteResult<BoardColumn>.Ok(own);
        }

        var columns = db.BoardColumns.AsNoTracking().Where(c => c.BoardId == targetBoard);
        if (wantsDone is { } wanted)
        {
            columns = columns.Where(c => c.IsDone == wanted);
        }

        var first = await columns.OrderBy(c => c.Position).FirstOrDefaultAsync(cancellationToken);
        return first is not null ? WriteResult<BoardColumn>.Ok(first)
            : WriteResult<BoardColumn>.Invalid(completed is null ? "boardId" : "completed", wantsDone switch
            {
                true => "That board has no done column to hold a completed task.",
                false => "That board has no column that is not done to hold an open task.",
                null => "That board has no columns.",
            });
    }

    /// <summary>Puts the task into <paramref name="column"/>; entering a done column completes it, leaving one reopens it.</summary>
    internal static void Place(TaskItem task, BoardColumn column, DateTime now)
    {
        if (!column.IsDone)
        {
            task.CompletedAt = null;
        }
        else if (task.CompletedAt is null)
        {
            task.CompletedAt = now;
        }

        task.BoardId = column.BoardId;
        task.ColumnId = column.Id;
    }
}
