using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Tasks;

/// <summary>
/// Comments on tasks. Everyone on the board reads them; owners and editors write them; an author edits
/// and deletes their own, and the owner may delete any. Each new comment is in the task's history, and
/// every open copy of the board hears of it.
/// </summary>
public sealed class CommentService(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, TaskChangeFeed changes)
{
    /// <summary>The task's comments, oldest first; not found when the user does not reach the task.</summary>
    public async Task<WriteResult<TimePage<CommentEntry>>> ListAsync(Guid userId, Guid taskId, TimeQuery query, CancellationToken cancellationToken = default)
    {
        var errors = query.Check(out var cursor);
        if (errors.Count > 0)
        {
            return WriteResult<TimePage<CommentEntry>>.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await BoardAccess.Tasks(db, userId).AnyAsync(t => t.Id == taskId, cancellationToken))
        {
            return WriteResult<TimePage<CommentEntry>>.NotFound("task");
        }

        var comments = db.TaskComments.AsNoTracking().Where(c => c.TaskId == taskId);
        if (cursor is { } after)
        {
            comments = comments.Where(c => c.CreatedAt > after.At || (c.CreatedAt == after.At && c.Id.CompareTo(after.Id) > 0));
        }

        // The join may not keep the order of the page it joins, so the page is put back in order here.
        var rows = (await Entries(db, comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(query.Limit + 1)).ToListAsync(cancellationToken))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();
        return WriteResult<TimePage<CommentEntry>>.Ok(Page(rows, query.Limit, c => new TimeCursor(c.CreatedAt, c.Id)));
    }

    /// <summary>One comment: not found (naming nothing) when the user does not reach the task, or naming "comment" when the task has no such comment.</summary>
    public async Task<WriteResult<CommentEntry>> GetAsync(Guid userId, Guid taskId, Guid commentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var reachable = BoardAccess.Tasks(db, userId).Where(t => t.Id == taskId);
        var found = await Entries(db, db.TaskComments.Where(c => c.Id == commentId && c.TaskId == taskId && reachable.Any())).FirstOrDefaultAsync(cancellationToken);
        return found is not null ? WriteResult<CommentEntry>.Ok(found)
            : await reachable.AnyAsync(cancellationToken) ? WriteResult<CommentEntry>.NotFound("comment")
            : WriteResult<CommentEntry>.NotFound();
    }

    /// <summary>One page of <paramref name="rows"/> (read one more than <paramref name="limit"/>), with the cursor after its last entry when there are more.</summary>
    internal static TimePage<T> Page<T>(List<T> rows, int limit, Func<T, TimeCursor> cursorOf)
    {
        if (rows.Count <= limit)
        {
            return new TimePage<T>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new TimePage<T>(rows, cursorOf(rows[^1]).Encode());
    }

    /// <summary>Adds a comment (an owner or editor of the task's board).</summary>
    public async Task<WriteResult<CommentEntry>> AddAsync(Guid userId, Guid taskId, string? body, CancellationToken cancellationToken = default)
    {
        if (CheckBody(body) is { } bodyError)
        {
            return WriteResult<CommentEntry>.Invalid("body", bodyError);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var boardId = await BoardAccess.Tasks(db, userId, BoardRole.Editor).Where(t => t.Id == taskId).Select(t => (Guid?)t.BoardId).FirstOrDefaultAsync(cancellationToken);
        if (boardId is null)
        {
            return await BoardAccess.RefusalAsync<CommentEntry, TaskItem>(BoardAccess.Tasks(db, userId).Where(t => t.Id == taskId), BoardRole.Editor, "task", cancellationToken);
        }

        var now = time.UtcNowStored();
        var comment = new TaskComment
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now)),
            TaskId = taskId,
            AuthorId = userId,
            Body = body!.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.TaskComments.Add(comment);
        db.TaskActivities.Add(TaskActivity.For(taskId, userId, now, ActivityKind.Commented, ("commentId", comment.Id.ToString())));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The task was deleted in the moment between the check and the write; anything else is a real error.
            if (await db.Tasks.AnyAsync(t => t.Id == taskId, cancellationToken))
            {
                throw;
            }

            return WriteResult<CommentEntry>.NotFound("task");
        }

        changes.Publish(boardId.Value, [taskId], userId);
        return WriteResult<CommentEntry>.Ok(await Entries(db, db.TaskComments.Where(c => c.Id == comment.Id)).FirstAsync(cancellationToken));
    }

    /// <summary>Changes the text of one's own comment (while an owner or editor of the board).</summary>
    public Task<WriteResult<CommentEntry>> EditAsync(
        Guid userId, Guid taskId, Guid commentId, string? body, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (CheckBody(body) is { } bodyError)
        {
            return Task.FromResult(WriteResult<CommentEntry>.Invalid("body", bodyError));
        }

        return WriteAsync(userId, taskId, commentId, expectedVersion, ownerMayToo: false, async (db, comment, now) =>
        {
            if (comment.Body == body!.Trim())
            {
                return false;
            }

            comment.Body = body.Trim();
            comment.UpdatedAt = now;
            comment.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Deletes a comment: one's own (while an owner or editor), or any as the board's owner.</summary>
    public async Task<WriteResult<Guid>> DeleteAsync(Guid userId, Guid taskId, Guid commentId, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var result = await WriteAsync(userId, taskId, commentId, expectedVersion, ownerMayToo: true, async (db, comment, _) =>
        {
            db.TaskComments.Remove(comment);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
        return result.IsOk ? WriteResult<Guid>.Ok(commentId) : WriteResult<Guid>.Failed(result);
    }

    /// <summary>
    /// A change to one comment: the user must reach the task as an owner or editor (a viewer is refused),
    /// the comment must be theirs (or, with <paramref name="ownerMayToo"/>, they own the board), and it must
    /// be at <paramref name="expectedVersion"/>. <paramref name="change"/> answers whether it changed anything.
    /// </summary>
    private async Task<WriteResult<CommentEntry>> WriteAsync(
        Guid userId, Guid taskId, Guid commentId, int? expectedVersion, bool ownerMayToo,
        Func<TaskBoardDbContext, TaskComment, DateTime, Task<bool>> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await BoardAccess.Tasks(db, userId).Where(t => t.Id == taskId)
            .Select(t => new
            {
                t.BoardId,
                Role = db.BoardMembers.Where(m => m.BoardId == t.BoardId && m.UserId == userId).Select(m => m.Role).First(),
                Comment = db.TaskComments.FirstOrDefault(c => c.Id == commentId && c.TaskId == t.Id),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found?.Comment is null)
        {
            return WriteResult<CommentEntry>.NotFound(found is null ? null : "comment");
        }

        var comment = found.Comment;
        var mayWrite = found.Role >= BoardRole.Editor && (comment.AuthorId == userId || (ownerMayToo && found.Role == BoardRole.Owner));
        if (!mayWrite)
        {
            return WriteResult<CommentEntry>.Forbidden(found.Role < BoardRole.Editor
                ? BoardAccess.RefusalReason(BoardRole.Editor)
                : ownerMayToo ? "Only the comment's author or the board's owner can delete it." : "Only the comment's author can change it.");
        }

        var entry = await Entries(db, db.TaskComments.Where(c => c.Id == commentId)).FirstAsync(cancellationToken);
        if (expectedVersion is { } expected && expected != comment.Version)
        {
            return WriteResult<CommentEntry>.Conflict(entry);
        }

        db.Attach(comment);
        try
        {
            if (await change(db, comment, time.UtcNowStored()))
            {
                changes.Publish(found.BoardId, [taskId], userId);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed or deleted by another request since it was read.
            var current = await Entries(db, db.TaskComments.AsNoTracking().Where(c => c.Id == commentId)).FirstOrDefaultAsync(cancellationToken);
            return current is null ? WriteResult<CommentEntry>.NotFound("comment") : WriteResult<CommentEntry>.Conflict(current);
        }

        return WriteResult<CommentEntry>.Ok(entry with { Body = comment.Body, UpdatedAt = comment.UpdatedAt, Version = comment.Version });
    }

    private static string? CheckBody(string? body) =>
        TaskValidator.CheckText("Comment", body?.Trim(), TaskComment.BodyMaxLength, required: true, multiline: true);

    private static IQueryable<CommentEntry> Entries(TaskBoardDbContext db, IQueryable<TaskComment> comments) =>
        from c in comments
        from u in db.Users.Where(u => u.Id == c.AuthorId).DefaultIfEmpty()
        select new CommentEntry(c.Id, c.TaskId, c.AuthorId, u == null ? null : u.DisplayName, c.Body, c.CreatedAt, c.UpdatedAt, c.Version);
}
