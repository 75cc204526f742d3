using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Tasks;

/// <summary>Reads a task's history (written by <see cref="TaskHistory"/> with each change): everyone on the board may.</summary>
public sealed class ActivityService(IDbContextFactory<TaskBoardDbContext> contextFactory)
{
    /// <summary>The task's history, newest first; not found when the user does not reach the task.</summary>
    public async Task<WriteResult<TimePage<ActivityEntry>>> ListAsync(Guid userId, Guid taskId, TimeQuery query, CancellationToken cancellationToken = default)
    {
        var errors = query.Check(out var cursor);
        if (errors.Count > 0)
        {
            return WriteResult<TimePage<ActivityEntry>>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await BoardAccess.Tasks(db, userId).AnyAsync(t => t.Id == taskId, cancellationToken))
        {
            return WriteResult<TimePage<ActivityEntry>>.NotFound("task");
        }

        var entries = db.TaskActivities.AsNoTracking().Where(a => a.TaskId == taskId);
        if (cursor is { } after)
        {
            entries = entries.Where(a => a.At < after.At || (a.At == after.At && a.Id.CompareTo(after.Id) < 0));
        }

        var rows = await (
            from a in entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(query.Limit + 1)
            from u in db.Users.Where(u => u.Id == a.ActorId).DefaultIfEmpty()
            select new { Activity = a, Name = u == null ? null : u.DisplayName }).ToListAsync(cancellationToken);
        // The join may not keep the order of the page it joins, so the page is put back in order here.
        var page = rows.Select(r => ActivityEntry.From(r.Activity, r.Name)).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToList();
        return WriteResult<TimePage<ActivityEntry>>.Ok(CommentService.Page(page, query.Limit, a => new TimeCursor(a.At, a.Id)));
    }
}
