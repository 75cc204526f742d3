using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Sharing;

/// <summary>A member of a board as the board's people see them.</summary>
public sealed record MemberEntry(Guid UserId, string Name, string Email, BoardRole Role, DateTime JoinedAt)
{
    /// <summary>Up to two letters for an avatar: the first letters of the first and last words of the name.</summary>
    public string Initials => MemberInitials.Of(Name, Email);
}

/// <summary>Avatar letters for a person.</summary>
public static class MemberInitials
{
    public static string Of(string name, string email)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var letters = words.Length switch
        {
            0 => email.Length > 0 ? email[..1] : "?",
            1 => words[0][..1],
            _ => $"{words[0][0]}{words[^1][0]}",
        };
        return letters.ToUpperInvariant();
    }
}

/// <summary>
/// A board's members: who they are, their roles, leaving, removal and handing the board over. Every
/// write runs under the board's lock (the one task moves take), so a member removed is unassigned from
/// every task at once and cannot be assigned again meanwhile. A member who loses access loses it at
/// once: the next query leaves them out, and their open boards hear of it and close.
/// </summary>
public sealed class MemberService(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, TaskChangeFeed changes)
{
    /// <summary>The board's members, the owner first, then by name; null when the user does not reach the board.</summary>
    public async Task<IReadOnlyList<MemberEntry>?> ListAsync(Guid userId, Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var reachable = BoardAccess.Boards(db, userId).Where(b => b.Id == boardId);
        // A board always has its owner, so nothing at all means the user does not reach it.
        var members = await db.BoardMembers.AsNoTracking()
            .Where(m => m.BoardId == boardId && reachable.Any())
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberEntry(m.UserId, u.DisplayName, u.Email ?? "", m.Role, m.CreatedAt))
            .ToListAsync(cancellationToken);
        return members.Count == 0 ? null : [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(m => m.UserId)];
    }

    /// <summary>Makes a member an editor or a viewer (the owner).</summary>
    public Task<WriteResult<MemberEntry>> ChangeRoleAsync(Guid userId, Guid boardId, Guid memberId, BoardRole role, CancellationToken cancellationToken = default)
    {
        if (role is not (BoardRole.Editor or BoardRole.Viewer))
        {
            return Task.FromResult(WriteResult<MemberEntry>.Invalid("role", RoleRule));
        }

        return WriteAsync(userId, boardId, BoardRole.Owner, async (db, now) =>
        {
            var member = await db.BoardMembers.FirstOrDefaultAsync(m => m.BoardId == boardId && m.UserId == memberId, cancellationToken);
            if (member is null)
            {
                return WriteResult<MemberEntry>.NotFound("member");
            }

            if (member.Role == BoardRole.Owner)
            {
                return WriteResult<MemberEntry>.Invalid("role", "The owner stays the owner until they hand the board over to another member.");
            }

            member.Role = role;
            return WriteResult<MemberEntry>.Ok(await EntryAsync(db, member, cancellationToken));
        }, memberId, cancellationToken);
    }

    /// <summary>What a new role may be: the owner is made only by handing the board over.</summary>
    public const string RoleRule = "Role must be editor or viewer: a board's one owner is made by handing the board over.";

    /// <summary>
    /// Takes a member off the board: the owner removes anyone else, and anyone but the owner may remove
    /// themselves (leave). They are unassigned from the board's tasks and lose access at once.
    /// </summary>
    public Task<WriteResult<Guid>> RemoveAsync(Guid userId, Guid boardId, Guid memberId, CancellationToken cancellationToken = default) =>
        WriteAsync(userId, boardId, memberId == userId ? BoardRole.Viewer : BoardRole.Owner, async (db, now) =>
        {
            var member = await db.BoardMembers.FirstOrDefaultAsync(m => m.BoardId == boardId && m.UserId == memberId, cancellationToken);
            if (member is null)
            {
                return WriteResult<Guid>.NotFound("member");
            }

            if (member.Role == BoardRole.Owner)
            {
                return WriteResult<Guid>.Invalid("userId", "The owner cannot leave the board: hand it over to another member first, or delete it.");
            }

            db.BoardMembers.Remove(member);
            var assigned = await db.Tasks.Where(t => t.BoardId == boardId && t.AssigneeIds.Contains(memberId)).ToListAsync(cancellationToken);
            foreach (var task in assigned)
            {
                var before = TaskHistory.Before.Of(task);
                task.AssigneeIds = [.. task.AssigneeIds.Where(a => a != memberId)];
                task.Version++;
                task.UpdatedAt = now;
                task.UpdatedBy = userId;
                await TaskHistory.ChangedAsync(db, before, task, userId, now, cancellationToken);
            }

            return WriteResult<Guid>.Ok(memberId);
        }, memberId, cancellationToken);

    /// <summary>Hands the board to another member (the owner), who becomes its owner; the former owner stays on as an editor.</summary>
    public Task<WriteResult<MemberEntry>> TransferAsync(Guid userId, Guid boardId, Guid newOwnerId, CancellationToken cancellationToken = default) =>
        WriteAsync(userId, boardId, BoardRole.Owner, async (db, now) =>
        {
            if (newOwnerId == userId)
            {
                return WriteResult<MemberEntry>.Invalid("userId", "You already own this board: name another member.");
            }

            var member = await db.BoardMembers.FirstOrDefaultAsync(m => m.BoardId == boardId && m.UserId == newOwnerId, cancellationToken);
            if (member is null)
            {
                return WriteResult<MemberEntry>.Invalid("userId", "Only a member of the board can become its owner: invite them first.");
            }

            // In this order, so the board never has two owners, not even within the transaction.
            await db.BoardMembers.Where(m => m.BoardId == boardId && m.UserId == userId)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.Role, BoardRole.Editor), cancellationToken);
            await db.BoardMembers.Where(m => m.BoardId == boardId && m.UserId == newOwnerId)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.Role, BoardRole.Owner).SetProperty(x => x.CreatedAt, now), cancellationToken);
            await db.Boards.Where(b => b.Id == boardId).ExecuteUpdateAsync(b => b.SetProperty(x => x.OwnerId, newOwnerId), cancellationToken);
            db.Entry(member).State = EntityState.Detached;
            member.Role = BoardRole.Owner;
            member.CreatedAt = now;
            return WriteResult<MemberEntry>.Ok(await EntryAsync(db, member, cancellationToken));
        }, newOwnerId, cancellationToken);

    private static async Task<MemberEntry> EntryAsync(TaskBoardDbContext db, BoardMember member, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == member.UserId).Select(u => new { u.DisplayName, u.Email }).FirstAsync(cancellationToken);
        return new MemberEntry(member.UserId, user.DisplayName, user.Email ?? "", member.Role, member.CreatedAt);
    }

    /// <summary>
    /// A change of a board's members under its lock, by a user with role <paramref name="needed"/> there. On success
    /// the board's version moves on (everyone's role is part of how they see it), open copies of the board
    /// reload (a member who lost access sees it close), and <paramref name="affected"/>'s list of boards changes.
    /// </summary>
    private async Task<WriteResult<T>> WriteAsync<T>(
        Guid userId, Guid boardId, BoardRole needed, Func<TaskBoardDbContext, DateTime, Task<WriteResult<T>>> change, Guid affected, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryWriteAsync(userId, boardId, needed, change, affected, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A task being unassigned was changed or deleted meanwhile (task writes do not wait for the board's lock): again, from fresh rows.
            }
        }
    }

    private const int MaxAttempts = 3;

    private async Task<WriteResult<T>> TryWriteAsync<T>(
        Guid userId, Guid boardId, BoardRole needed, Func<TaskBoardDbContext, DateTime, Task<WriteResult<T>>> change, Guid affected, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TaskPositions.SerializeBoardAsync(db, boardId, cancellationToken);
        var board = await BoardAccess.Boards(db, userId, needed).FirstOrDefaultAsync(b => b.Id == boardId, cancellationToken);
        if (board is null)
        {
            return await BoardAccess.RefusalAsync<T, Board>(BoardAccess.Boards(db, userId).Where(b => b.Id == boardId), needed, "board", cancellationToken);
        }

        var now = time.UtcNowStored();
        var result = await change(db, now);
        if (!result.IsOk)
        {
            return result;
        }

        board.Version++;
        board.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Publish(boardId, [], userId);
        changes.PublishToUser(affected);
        if (affected != userId)
        {
            changes.PublishToUser(userId);
        }

        return result;
    }
}
