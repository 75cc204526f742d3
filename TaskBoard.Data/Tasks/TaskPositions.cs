using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// Where tasks stand within a column: positions are doubles with room between neighbours, so a move
/// writes one row; when a gap wears too thin the column is renumbered. Moves into one board are
/// serialised so that two never pick the same spot.
/// </summary>
public static class TaskPositions
{
    /// <summary>Distance between neighbours after an append or a renumber.</summary>
    public const double PositionStep = 1024;

    /// <summary>Below this gap a midpoint is no longer trustworthy and the column is renumbered.</summary>
    public const double MinimumGap = 1e-6;

    /// <summary>Where a task goes at the bottom of its column: a step below the last one.</summary>
    internal static async Task<double> EndOfColumnAsync(
        TaskBoardDbContext db, Guid columnId, Guid? exceptId, CancellationToken cancellationToken)
    {
        var last = await db.Tasks
            .Where(t => t.ColumnId == columnId && t.Id != exceptId)
            .MaxAsync(t => (double?)t.Position, cancellationToken);
        return (last ?? 0) + PositionStep;
    }

    internal readonly record struct Gap(double Low, double High, Dictionary<string, string[]>? Errors = null);

    internal readonly record struct Neighbour(Guid Id, double Position);

    /// <summary>The free interval between the requested neighbours in the target column (ordered by position, then id).</summary>
    internal static async Task<Gap> FindGapAsync(IQueryable<TaskItem> column, TaskMove move, CancellationToken cancellationToken)
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

        return Bottom(await column.MaxAsync(t => (double?)t.Position, cancellationToken));

        static bool Precedes(Neighbour a, Neighbour b) => a.Position < b.Position || (a.Position == b.Position && a.Id.CompareTo(b.Id) < 0);

        static Gap NotInColumn(string field) => new(0, 0, new() { [field] = ["That task is not in the target column."] });
    }

    /// <summary>The gap below the column's last task (at <paramref name="last"/>, null when the column is empty).</summary>
    internal static Gap Bottom(double? last) => new(last ?? 0, (last ?? 0) + (2 * PositionStep));

    internal static Task<Neighbour?> FindNeighbourAsync(IQueryable<TaskItem> column, Guid id, CancellationToken cancellationToken) =>
        column.Where(t => t.Id == id).Select(t => (Neighbour?)new Neighbour(t.Id, t.Position)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// One move into a board at a time (until the transaction ends): two moves computed from the same
    /// neighbours would otherwise pick the same midpoint. SQLite already allows one writer at a time.
    /// Column changes of the board take the same lock, so a move never lands in a column being deleted.
    /// </summary>
    internal static async Task SerializeBoardAsync(TaskBoardDbContext db, Guid boardId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create("SELECT " + PostgresBoardLock("{0}"), boardId), cancellationToken);
        }
    }

    /// <summary>PostgreSQL's call that takes the lock of <see cref="SerializeBoardAsync"/> for the board id that <paramref name="boardId"/> (SQL) names.</summary>
    internal static string PostgresBoardLock(string boardId) => $"pg_advisory_xact_lock(hashtextextended({boardId}::text, 0))";

    /// <summary>Spreads the column back out to whole steps, keeping its order; runs inside the move's transaction.</summary>
    internal static async Task<IReadOnlyList<Guid>> RenumberAsync(TaskBoardDbContext db, IQueryable<TaskItem> column, CancellationToken cancellationToken)
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
}
