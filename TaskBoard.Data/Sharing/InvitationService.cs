using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Database;
using TaskBoard.Data.Email;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;

namespace TaskBoard.Data.Sharing;

/// <summary>An open invitation, as its board's owner and its invitee see it.</summary>
public sealed record InvitationEntry(
    Guid Id, Guid BoardId, string BoardName, string Email, BoardRole Role, string? InvitedByName, DateTime CreatedAt, DateTime ExpiresAt);

/// <summary>What the invitee's list came to.</summary>
public sealed record MyInvitations(bool EmailConfirmed, IReadOnlyList<InvitationEntry> Items);

/// <summary>
/// Invitations to boards. The owner invites an email address with a role; the answer is the same
/// whether or not the address has an account, so nobody learns who uses TaskBoard. The invitee sees the
/// invitation in the app once their account's address is confirmed (or opens the emailed link, whose
/// secret proves they read that mailbox), and accepts or declines it. An open invitation expires after
/// <see cref="BoardInvitation.Lifetime"/>; the owner may revoke it sooner.
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    TimeProvider time,
    TaskChangeFeed changes,
    EmailOutbox outbox)
{
    /// <summary>The page an invitation email's link opens.</summary>
    public const string Page = "/invitations";

    public const string EmailTemplate = EmailTemplates.BoardInvitation;

    /// <summary>
    /// Invites <paramref name="email"/> to the board as <paramref name="role"/> (the owner), and emails a link
    /// starting at <paramref name="linkBase"/>. Inviting an address again renews its invitation (and, after
    /// <see cref="BoardInvitation.ResendAfter"/>, sends it again).
    /// </summary>
    public async Task<WriteResult<InvitationEntry>> InviteAsync(
        Guid userId, Guid boardId, string email, BoardRole role, Uri linkBase, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        email = email.Trim();
        if (AccountService.CheckEmail(email) is { } emailError)
        {
            errors["email"] = [emailError];
        }

        if (role is not (BoardRole.Editor or BoardRole.Viewer))
        {
            errors["role"] = [MemberService.RoleRule];
        }

        if (errors.Count > 0)
        {
            return WriteResult<InvitationEntry>.Invalid(errors);
        }

        var normalized = email.ToUpperInvariant();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.UtcNowStored();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TaskPositions.SerializeBoardAsync(db, boardId, cancellationToken);
        var board = await BoardAccess.Boards(db, userId, BoardRole.Owner).AsNoTracking().FirstOrDefaultAsync(b => b.Id == boardId, cancellationToken);
        if (board is null)
        {
            return await BoardAccess.RefusalAsync<InvitationEntry, Board>(BoardAccess.Boards(db, userId).Where(b => b.Id == boardId), BoardRole.Owner, "board", cancellationToken);
        }

        // Members are already known to the owner, so saying so reveals nothing.
        var invitee = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (invitee is { } inviteeId && await db.BoardMembers.AnyAsync(m => m.BoardId == boardId && m.UserId == inviteeId, cancellationToken))
        {
            return WriteResult<InvitationEntry>.Invalid("email", "That address belongs to a member of this board already.");
        }

        await db.BoardInvitations.Where(i => i.BoardId == boardId && i.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var invitation = await db.BoardInvitations.FirstOrDefaultAsync(i => i.BoardId == boardId && i.NormalizedEmail == normalized, cancellationToken);
        if (invitation is null)
        {
            if (await db.BoardInvitations.CountAsync(i => i.BoardId == boardId, cancellationToken) >= BoardInvitation.MaxPerBoard)
            {
                return WriteResult<InvitationEntry>.Invalid("email",
                    $"This board has {BoardInvitation.MaxPerBoard} open invitations: revoke some, or wait for them to be answered.");
            }

            invitation = new BoardInvitation { Id = Guid.CreateVersion7(new DateTimeOffset(now)), BoardId = boardId, NormalizedEmail = normalized };
            db.BoardInvitations.Add(invitation);
        }

        // A new invitation, or one sent a while ago, goes out (again) with a new link; one just sent keeps its link.
        var send = invitation.TokenHash.Length == 0 || invitation.CreatedAt <= now - BoardInvitation.ResendAfter;
        invitation.Email = email;
        invitation.Role = role;
        invitation.InvitedBy = userId;
        if (send)
        {
            invitation.CreatedAt = now;
            invitation.ExpiresAt = now + BoardInvitation.Lifetime;
            invitation.TokenHash = AccountTokens.Hash(token);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var inviter = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(cancellationToken);
        if (send)
        {
            await outbox.EnqueueAsync(email, EmailTemplate, new Dictionary<string, string>
            {
                ["Inviter"] = inviter,
                ["Board"] = board.Name,
                ["Role"] = role == BoardRole.Editor ? "an editor" : "a viewer",
                ["Email"] = email,
                ["Link"] = Link(linkBase, invitation.Id, token),
                ["Days"] = ((int)BoardInvitation.Lifetime.TotalDays).ToString(CultureInfo.InvariantCulture),
            }, cancellationToken);
        }

        if (invitee is { } existing)
        {
            changes.PublishToUser(existing);
        }

        return WriteResult<InvitationEntry>.Ok(new InvitationEntry(
            invitation.Id, boardId, board.Name, invitation.Email, role, inviter, invitation.CreatedAt, invitation.ExpiresAt));
    }

    /// <summary>The link in the email: the invitations page, naming the invitation and carrying its secret.</summary>
    public static string Link(Uri linkBase, Guid invitationId, string token) =>
        new Uri(linkBase, $"{Page}?token={token}&invitation={invitationId}").ToString();

    /// <summary>The board's open invitations, newest first (the owner).</summary>
    public async Task<WriteResult<IReadOnlyList<InvitationEntry>>> ListForBoardAsync(Guid userId, Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await BoardAccess.Boards(db, userId, BoardRole.Owner).AnyAsync(b => b.Id == boardId, cancellationToken))
        {
            return await BoardAccess.RefusalAsync<IReadOnlyList<InvitationEntry>, Board>(
                BoardAccess.Boards(db, userId).Where(b => b.Id == boardId), BoardRole.Owner, "board", cancellationToken);
        }

        var now = time.UtcNowStored();
        return WriteResult<IReadOnlyList<InvitationEntry>>.Ok(await Entries(db, db.BoardInvitations.Where(i => i.BoardId == boardId && i.ExpiresAt > now))
            .ToListAsync(cancellationToken));
    }

    /// <summary>Withdraws an open invitation (the owner).</summary>
    public async Task<WriteResult<Guid>> RevokeAsync(Guid userId, Guid boardId, Guid invitationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await BoardAccess.Boards(db, userId, BoardRole.Owner).AnyAsync(b => b.Id == boardId, cancellationToken))
        {
            return await BoardAccess.RefusalAsync<Guid, Board>(BoardAccess.Boards(db, userId).Where(b => b.Id == boardId), BoardRole.Owner, "board", cancellationToken);
        }

        var invitee = await db.BoardInvitations.Where(i => i.Id == invitationId && i.BoardId == boardId)
            .Join(db.Users, i => i.NormalizedEmail, u => u.NormalizedEmail, (i, u) => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (await db.BoardInvitations.Where(i => i.Id == invitationId && i.BoardId == boardId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return WriteResult<Guid>.NotFound("invitation");
        }

        if (invitee is { } existing)
        {
            changes.PublishToUser(existing);
        }

        return WriteResult<Guid>.Ok(invitationId);
    }

    /// <summary>
    /// The open invitations addressed to the user's email address, newest first. Only once the address is
    /// confirmed: anyone can sign up with an address they do not own, and must not see what was meant for it.
    /// </summary>
    public async Task<MyInvitations> ListMineAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.NormalizedEmail, u.EmailConfirmed }).FirstOrDefaultAsync(cancellationToken);
        if (user is not { EmailConfirmed: true })
        {
            return new MyInvitations(false, []);
        }

        var now = time.UtcNowStored();
        return new MyInvitations(true, await Entries(db, db.BoardInvitations.Where(i => i.NormalizedEmail == user.NormalizedEmail && i.ExpiresAt > now))
            .ToListAsync(cancellationToken));
    }

    /// <summary>How many open invitations the user has (for the app bar): 0 until their address is confirmed.</summary>
    public async Task<int> CountMineAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNowStored();
        return await db.Users.Where(u => u.Id == userId && u.EmailConfirmed)
            .Join(db.BoardInvitations, u => u.NormalizedEmail, i => i.NormalizedEmail, (u, i) => i)
            .CountAsync(i => i.ExpiresAt > now, cancellationToken);
    }

    /// <summary>
    /// One open invitation addressed to the user, when they may answer it: their confirmed address is the
    /// invitation's, or their address is and <paramref name="token"/> is the emailed link's secret.
    /// </summary>
    public async Task<InvitationEntry?> FindMineAsync(Guid userId, Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindAnswerableAsync(db, userId, invitationId, token, cancellationToken);
        return found is null ? null : await Entries(db, db.BoardInvitations.Where(i => i.Id == found.Id)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Joins the board with the invitation's role; the invitation is then used up. Answers the board.</summary>
    public async Task<WriteResult<Guid>> AcceptAsync(Guid userId, Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await FindAnswerableAsync(db, userId, invitationId, token, cancellationToken);
        if (invitation is null)
        {
            return WriteResult<Guid>.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TaskPositions.SerializeBoardAsync(db, invitation.BoardId, cancellationToken);
        // Read again under the board's lock: revoked or answered meanwhile, it is gone.
        if (await db.BoardInvitations.Where(i => i.Id == invitationId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return WriteResult<Guid>.NotFound();
        }

        var now = time.UtcNowStored();
        if (!await db.BoardMembers.AnyAsync(m => m.BoardId == invitation.BoardId && m.UserId == userId, cancellationToken))
        {
            db.BoardMembers.Add(new BoardMember { BoardId = invitation.BoardId, UserId = userId, Role = invitation.Role, CreatedAt = now });
            await db.Boards.Where(b => b.Id == invitation.BoardId)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.Version, x => x.Version + 1).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        changes.Publish(invitation.BoardId, [], userId);
        changes.PublishToUser(userId);
        return WriteResult<Guid>.Ok(invitation.BoardId);
    }

    /// <summary>Turns the invitation down; it is then gone.</summary>
    public async Task<WriteResult<Guid>> DeclineAsync(Guid userId, Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAnswerableAsync(db, userId, invitationId, token, cancellationToken) is null
            || await db.BoardInvitations.Where(i => i.Id == invitationId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return WriteResult<Guid>.NotFound();
        }

        changes.PublishToUser(userId);
        return WriteResult<Guid>.Ok(invitationId);
    }

    private async Task<BoardInvitation?> FindAnswerableAsync(TaskBoardDbContext db, Guid userId, Guid invitationId, string? token, CancellationToken cancellationToken)
    {
        var now = time.UtcNowStored();
        var found = await db.BoardInvitations.AsNoTracking()
            .Where(i => i.Id == invitationId && i.ExpiresAt > now)
            .Join(db.Users.Where(u => u.Id == userId), i => i.NormalizedEmail, u => u.NormalizedEmail, (i, u) => new { Invitation = i, u.EmailConfirmed })
            .FirstOrDefaultAsync(cancellationToken);
        return found switch
        {
            null => null,
            { EmailConfirmed: true } => found.Invitation,
            _ when token is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(AccountTokens.Hash(token)), System.Text.Encoding.ASCII.GetBytes(found.Invitation.TokenHash)) => found.Invitation,
            _ => null,
        };
    }

    private static IQueryable<InvitationEntry> Entries(TaskBoardDbContext db, IQueryable<BoardInvitation> invitations) =>
        from i in invitations
        join b in db.Boards on i.BoardId equals b.Id
        from u in db.Users.Where(u => u.Id == i.InvitedBy).DefaultIfEmpty()
        orderby i.CreatedAt descending, i.Id
        select new InvitationEntry(i.Id, i.BoardId, b.Name, i.Email, i.Role, u == null ? null : u.DisplayName, i.CreatedAt, i.ExpiresAt);
}
