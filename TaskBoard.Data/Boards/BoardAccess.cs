using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Boards;

/// <summary>
/// Who may reach what, decided in one place: every task, column and board query starts from these,
/// inside the query itself, so a thing the user cannot reach behaves exactly like one that does not
/// exist. Today a user reaches the boards they own; sharing widens <see cref="Boards"/> and nothing else.
/// </summary>
public static class BoardAccess
{
    /// <summary>The boards <paramref name="userId"/> may reach, archived ones included.</summary>
    public static IQueryable<Board> Boards(TaskBoardDbContext db, Guid userId) => db.Boards.Where(b => b.OwnerId == userId);

    /// <summary>The columns of the boards <paramref name="userId"/> may reach.</summary>
    public static IQueryable<BoardColumn> Columns(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId);
        return db.BoardColumns.Where(c => boards.Any(b => b.Id == c.BoardId));
    }

    /// <summary>The tasks on the boards <paramref name="userId"/> may reach.</summary>
    public static IQueryable<TaskItem> Tasks(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId);
        return db.Tasks.Where(t => boards.Any(b => b.Id == t.BoardId));
    }

    /// <summary>The tasks on the reachable boards that are not archived: what lists and searches show when no board is named.</summary>
    public static IQueryable<TaskItem> ActiveTasks(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId).Where(b => b.ArchivedAt == null);
        return db.Tasks.Where(t => boards.Any(b => b.Id == t.BoardId));
    }
}
