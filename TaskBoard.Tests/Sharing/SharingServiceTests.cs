using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Email;
using TaskBoard.Data.Sharing;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Sharing;

public sealed class PostgresSharingServiceTests(PostgresDatabase database) : SharingServiceTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteSharingServiceTests(SqliteDatabase database) : SharingServiceTests(database), IClassFixture<SqliteDatabase>;

/// <summary>Boards shared by role: invitations, members, what each role may do, assignees, history and comments; once per provider.</summary>
public abstract partial class SharingServiceTests(TestDatabase database)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri LinkBase = new("https://tasks.example.test/");

    private readonly ManualClock clock = new(Noon);
    private readonly TaskChangeFeed feed = new(NullLogger<TaskChangeFeed>.Instance, new NoOtherInstances());

    private BoardService Boards => new(database.Factory, clock, feed);

    private TaskService Tasks => new(database.Factory, clock, feed);

    private MemberService Members => new(database.Factory, clock, feed);

    private InvitationService Invitations => new(database.Factory, clock, feed, new EmailOutbox(database.Factory, clock));

    private CommentService Comments => new(database.Factory, clock, feed);

    private ActivityService Activity => new(database.Factory);

    private async Task<string> EmailOfAsync(Guid user)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return (await db.Users.SingleAsync(u => u.Id == user)).Email!;
    }

    private async Task ConfirmEmailAsync(Guid user)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true));
    }

    /// <summary>The token in the last invitation email sent to <paramref name="email"/>.</summary>
    private async Task<string> EmailedTokenAsync(string email)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var message = (await db.EmailOutbox.Where(m => m.Recipient == email && m.Kind == EmailTemplates.BoardInvitation).ToListAsync()).OrderBy(m => m.CreatedAt).Last();
        return TokenInLink().Match(message.TextBody).Groups[1].Value;
    }

    private async Task<int> OutboxCountAsync(string email)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.EmailOutbox.CountAsync(m => m.Recipient == email && m.Kind == EmailTemplates.BoardInvitation);
    }

    [GeneratedRegex(@"/invitations\?token=([A-Za-z0-9_-]+)&invitation=[0-9a-f-]+")]
    private static partial Regex TokenInLink();

    private async Task<Board> BoardAsync(Guid owner, string name = "Shared")
    {
        clock.Now = clock.Now.AddSeconds(1);
        return (await Boards.CreateAsync(owner, new BoardDraft(name))).Value!;
    }

    /// <summary>A user with a confirmed address who accepted an invitation to <paramref name="board"/> as <paramref name="role"/>.</summary>
    private async Task<Guid> MemberAsync(Guid owner, Board board, BoardRole role, string name = "Member")
    {
        var user = await database.CreateUserAsync(name);
        await ConfirmEmailAsync(user);
        var invited = await Invitations.InviteAsync(owner, board.Id, await EmailOfAsync(user), role, LinkBase);
        Assert.True(invited.IsOk);
        Assert.Equal(board.Id, (await Invitations.AcceptAsync(user, invited.Value.Id, token: null)).Value);
        return user;
    }

    [Fact]
    public async Task AnInvitationAnswersAlikeForKnownAndUnknownAddressesAndShowsOnlyToAConfirmedOne()
    {
        var owner = await database.CreateUserAsync("Alex");
        var board = await BoardAsync(owner, "Garden");
        var known = await database.CreateUserAsync("Sam");

        var toKnown = await Invitations.InviteAsync(owner, board.Id, await EmailOfAsync(known), BoardRole.Viewer, LinkBase);
        var toUnknown = await Invitations.InviteAsync(owner, board.Id, "nobody-yet@example.test", BoardRole.Viewer, LinkBase);

        Assert.True(toKnown.IsOk && toUnknown.IsOk);
        Assert.Equal((BoardRole.Viewer, "Garden", "Alex"), (toKnown.Value.Role, toKnown.Value.BoardName, toKnown.Value.InvitedByName));
        Assert.Equal(toKnown.Value with { Id = default, Email = "" }, toUnknown.Value with { Id = default, Email = "" });
        Assert.Equal(2, (await Invitations.ListForBoardAsync(owner, board.Id)).Value!.Count);

        // An address anyone could have typed at sign-up sees nothing until it is confirmed.
        Assert.Equal(new MyInvitations(false, []), await Invitations.ListMineAsync(known));
        Assert.Equal(0, await Invitations.CountMineAsync(known));
        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(known, toKnown.Value.Id, token: null)).Outcome);

        await ConfirmEmailAsync(known);
        var mine = await Invitations.ListMineAsync(known);
        Assert.Equal([toKnown.Value.Id], mine.Items.Select(i => i.Id));
        Assert.Equal(1, await Invitations.CountMineAsync(known));
        Assert.True((await Invitations.AcceptAsync(known, toKnown.Value.Id, token: null)).IsOk);

        Assert.Equal(BoardRole.Viewer, (await Boards.GetAsync(known, board.Id))!.Role);
        Assert.Empty((await Invitations.ListMineAsync(known)).Items);
        Assert.Equal([toUnknown.Value.Id], (await Invitations.ListForBoardAsync(owner, board.Id)).Value!.Select(i => i.Id));
        Assert.Contains("email", (await Invitations.InviteAsync(owner, board.Id, await EmailOfAsync(known), BoardRole.Editor, LinkBase)).Errors.Keys);
    }

    [Fact]
    public async Task AnUnconfirmedAddressAnswersWithTheEmailedTokenOnlyAndOnlyForItself()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var invitee = await database.CreateUserAsync();
        var squatter = await database.CreateUserAsync();
        await ConfirmEmailAsync(squatter);
        var email = await EmailOfAsync(invitee);

        var invitation = (await Invitations.InviteAsync(owner, board.Id, email, BoardRole.Editor, LinkBase)).Value!;
        var token = await EmailedTokenAsync(email);

        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(invitee, invitation.Id, "not-the-token")).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(squatter, invitation.Id, token)).Outcome);
        Assert.Null(await Invitations.FindMineAsync(squatter, invitation.Id, token));
        Assert.Equal(invitation.Id, (await Invitations.FindMineAsync(invitee, invitation.Id, token))!.Id);
        Assert.True((await Invitations.AcceptAsync(invitee, invitation.Id, token)).IsOk);
        Assert.Equal(BoardRole.Editor, (await Boards.GetAsync(invitee, board.Id))!.Role);
        Assert.Null(await Boards.GetAsync(squatter, board.Id));
        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(invitee, invitation.Id, token)).Outcome);
    }

    [Fact]
    public async Task InvitationsExpireAfterFourteenDaysRenewWhenSentAgainAndStopWorkingWhenRevokedOrDeclined()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var invitee = await database.CreateUserAsync();
        await ConfirmEmailAsync(invitee);
        var email = await EmailOfAsync(invitee);

        var first = (await Invitations.InviteAsync(owner, board.Id, email, BoardRole.Viewer, LinkBase)).Value!;
        var firstToken = await EmailedTokenAsync(email);
        clock.Now = Noon.AddMinutes(1);
        Assert.True((await Invitations.InviteAsync(owner, board.Id, email, BoardRole.Viewer, LinkBase)).IsOk);
        // Asked again at once: no second email, and the first link still works.
        Assert.Equal(1, await OutboxCountAsync(email));
        Assert.NotNull(await Invitations.FindMineAsync(invitee, first.Id, firstToken));
        clock.Now = Noon.AddDays(14).AddSeconds(-1);
        var renewed = (await Invitations.InviteAsync(owner, board.Id, email, BoardRole.Editor, LinkBase)).Value!;
        Assert.Equal(first.Id, renewed.Id);
        Assert.Equal(2, await OutboxCountAsync(email));
        Assert.Equal(BoardRole.Editor, Assert.Single((await Invitations.ListMineAsync(invitee)).Items).Role);

        clock.Now = clock.Now.AddDays(14);
        Assert.Empty((await Invitations.ListMineAsync(invitee)).Items);
        Assert.Empty((await Invitations.ListForBoardAsync(owner, board.Id)).Value!);
        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(invitee, first.Id, token: null)).Outcome);

        var revoked = (await Invitations.InviteAsync(owner, board.Id, email, BoardRole.Viewer, LinkBase)).Value!;
        Assert.True((await Invitations.RevokeAsync(owner, board.Id, revoked.Id)).IsOk);
        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(invitee, revoked.Id, token: null)).Outcome);

        var declined = (await Invitations.InviteAsync(owner, board.Id, email, BoardRole.Viewer, LinkBase)).Value!;
        Assert.True((await Invitations.DeclineAsync(invitee, declined.Id, token: null)).IsOk);
        Assert.Equal(WriteOutcome.NotFound, (await Invitations.AcceptAsync(invitee, declined.Id, token: null)).Outcome);
        Assert.Null(await Boards.GetAsync(invitee, board.Id));
    }

    [Fact]
    public async Task AViewerReadsEverythingAndChangesNothingWhileAnEditorChangesTasksAndColumnsButNotTheBoardOrItsMembers()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var editor = await MemberAsync(owner, board, BoardRole.Editor);
        var viewer = await MemberAsync(owner, board, BoardRole.Viewer);
        var task = (await Tasks.CreateAsync(owner, new TaskDraft("Shared work", ColumnId: board.Columns[0].Id))).Value!;

        Assert.Equal(task.Id, (await Tasks.GetAsync(viewer, task.Id))?.Id);
        Assert.Single((await Tasks.ListAsync(viewer, new TaskQuery { BoardId = board.Id })).Value!.Items);
        Assert.Equal(3, (await Members.ListAsync(viewer, board.Id))!.Count);
        foreach (var refused in new WriteOutcome[]
        {
            (await Tasks.CreateAsync(viewer, new TaskDraft("Mine?", ColumnId: board.Columns[0].Id))).Outcome,
            (await Tasks.UpdateAsync(viewer, task.Id, new TaskPatch { Title = "Changed" })).Outcome,
            (await Tasks.MoveAsync(viewer, task.Id, new TaskMove(board.Columns[2].Id))).Outcome,
            (await Tasks.DeleteAsync(viewer, task.Id)).Outcome,
            (await Boards.AddColumnAsync(viewer, board.Id, new ColumnDraft("More"))).Outcome,
            (await Comments.AddAsync(viewer, task.Id, "Hello")).Outcome,
            (await Boards.UpdateAsync(editor, board.Id, new BoardPatch { Name = "Mine now" })).Outcome,
            (await Boards.DeleteAsync(editor, board.Id, board.Name)).Outcome,
            (await Members.ChangeRoleAsync(editor, board.Id, viewer, BoardRole.Editor)).Outcome,
            (await Members.RemoveAsync(editor, board.Id, viewer)).Outcome,
            (await Invitations.InviteAsync(editor, board.Id, "friend@example.test", BoardRole.Editor, LinkBase)).Outcome,
        })
        {
            Assert.Equal(WriteOutcome.Forbidden, refused);
        }

        var stored = (await Tasks.GetAsync(owner, task.Id))!;
        Assert.Equal(("Shared work", 1), (stored.Title, stored.Version));

        var edited = await Tasks.UpdateAsync(editor, task.Id, new TaskPatch { Title = "Shared work, started" });
        Assert.Equal(((Guid?)owner, (Guid?)editor), (edited.Value?.CreatedBy, edited.Value?.UpdatedBy));
        Assert.True((await Tasks.MoveAsync(editor, task.Id, new TaskMove(board.Columns[2].Id))).IsOk);
        Assert.True((await Boards.AddColumnAsync(editor, board.Id, new ColumnDraft("Review"))).IsOk);
        Assert.True((await Comments.AddAsync(editor, task.Id, "On it")).IsOk);
    }

    [Fact]
    public async Task ARemovedMemberLosesAccessAtOnceAndIsUnassignedAndAnyoneButTheOwnerMayLeave()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var editor = await MemberAsync(owner, board, BoardRole.Editor, "Eddie Editor");
        var viewer = await MemberAsync(owner, board, BoardRole.Viewer);
        var task = (await Tasks.CreateAsync(owner, new TaskDraft("Assigned", ColumnId: board.Columns[0].Id, AssigneeIds: [editor, owner]))).Value!;
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = feed.Subscribe(board.Id, _ =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        });

        clock.Now = clock.Now.AddMinutes(1);
        Assert.True((await Members.RemoveAsync(owner, board.Id, editor)).IsOk);

        Assert.Null(await Boards.GetAsync(editor, board.Id));
        Assert.Null(await Tasks.GetAsync(editor, task.Id));
        Assert.Equal(WriteOutcome.NotFound, (await Tasks.UpdateAsync(editor, task.Id, new TaskPatch { Title = "Still mine?" })).Outcome);
        Assert.Null(await Members.ListAsync(editor, board.Id));
        Assert.Equal([owner], (await Tasks.GetAsync(owner, task.Id))!.AssigneeIds);
        var latest = (await Activity.ListAsync(owner, task.Id, new TimeQuery())).Value!.Items.First();
        Assert.Equal((ActivityKind.Unassigned, "Eddie Editor", (Guid?)owner), (latest.Kind, latest.Details["name"], latest.ActorId));
        // Open copies of the board hear of it, and reload without the removed member.
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True((await Members.RemoveAsync(viewer, board.Id, viewer)).IsOk);
        Assert.Null(await Boards.GetAsync(viewer, board.Id));
        Assert.Contains("userId", (await Members.RemoveAsync(owner, board.Id, owner)).Errors.Keys);
        Assert.Equal(WriteOutcome.NotFound, (await Members.RemoveAsync(owner, board.Id, viewer)).Outcome);
        Assert.Contains("assigneeIds", (await Tasks.UpdateAsync(owner, task.Id, new TaskPatch { AssigneeIds = new[] { viewer } })).Errors.Keys);
    }

    [Fact]
    public async Task HandingTheBoardOverMakesTheMemberItsOneOwnerAndTheFormerOwnerAnEditor()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var editor = await MemberAsync(owner, board, BoardRole.Editor);
        var outsider = await database.CreateUserAsync();

        Assert.Contains("userId", (await Members.TransferAsync(owner, board.Id, outsider)).Errors.Keys);
        Assert.Contains("userId", (await Members.TransferAsync(owner, board.Id, owner)).Errors.Keys);
        Assert.Contains("role", (await Members.ChangeRoleAsync(owner, board.Id, editor, BoardRole.Owner)).Errors.Keys);
        var transferred = await Members.TransferAsync(owner, board.Id, editor);

        Assert.Equal(BoardRole.Owner, transferred.Value?.Role);
        var now = (await Boards.GetAsync(editor, board.Id))!;
        Assert.Equal((editor, BoardRole.Owner), (now.OwnerId, now.Role));
        Assert.Equal(BoardRole.Editor, (await Boards.GetAsync(owner, board.Id))!.Role);
        Assert.Equal([BoardRole.Owner, BoardRole.Editor], (await Members.ListAsync(owner, board.Id))!.Select(m => m.Role));
        Assert.Equal(WriteOutcome.Forbidden, (await Members.RemoveAsync(owner, board.Id, editor)).Outcome);
        Assert.True((await Members.RemoveAsync(editor, board.Id, owner)).IsOk);
        Assert.Null(await Boards.GetAsync(owner, board.Id));
    }

    [Fact]
    public async Task AssigneesAreMembersAndATaskMovedToAnotherBoardKeepsOnlyThoseWhoAreMembersThere()
    {
        var owner = await database.CreateUserAsync();
        var shared = await BoardAsync(owner, "Shared");
        var own = await BoardAsync(owner, "Own");
        var editor = await MemberAsync(owner, shared, BoardRole.Editor);
        var stranger = await database.CreateUserAsync();

        Assert.Contains("assigneeIds", (await Tasks.CreateAsync(owner, new TaskDraft("x", ColumnId: shared.Columns[0].Id, AssigneeIds: [stranger]))).Errors.Keys);
        Assert.Contains("assigneeIds", (await Tasks.CreateAsync(owner, new TaskDraft("x", ColumnId: shared.Columns[0].Id, AssigneeIds: [editor, editor]))).Errors.Keys);
        var task = (await Tasks.CreateAsync(owner, new TaskDraft("Both of us", ColumnId: shared.Columns[0].Id, AssigneeIds: [editor, owner]))).Value!;

        Assert.Equal([task.Id], (await Tasks.ListAsync(editor, new TaskQuery { AssigneeId = editor })).Value!.Items.Select(t => t.Id));
        Assert.Empty((await Tasks.ListAsync(editor, new TaskQuery { Unassigned = true })).Value!.Items);
        var moved = await Tasks.MoveAsync(owner, task.Id, new TaskMove(own.Columns[0].Id));
        Assert.Equal([owner], moved.Value!.AssigneeIds);
        Assert.Null(await Tasks.GetAsync(editor, task.Id));
    }

    [Fact]
    public async Task EveryChangeIsInTheTasksHistoryWithWhoMadeItNewestFirstAndPaged()
    {
        var owner = await database.CreateUserAsync("Alex Owner");
        var board = await BoardAsync(owner);
        var editor = await MemberAsync(owner, board, BoardRole.Editor, "Sam Editor");
        var (todo, doing, done) = (board.Columns[0], board.Columns[1], board.Columns[2]);
        var task = (await Tasks.CreateAsync(owner, new TaskDraft("Plan", ColumnId: todo.Id))).Value!;
        clock.Now = clock.Now.AddMinutes(1);
        await Tasks.UpdateAsync(editor, task.Id, new TaskPatch { Title = "Plan the trip", Priority = TaskPriority.High, Tags = new[] { "travel" } });
        clock.Now = clock.Now.AddMinutes(1);
        await Tasks.MoveAsync(editor, task.Id, new TaskMove(doing.Id));
        clock.Now = clock.Now.AddMinutes(1);
        await Tasks.SetCompletedAsync(owner, task.Id, true);
        clock.Now = clock.Now.AddMinutes(1);
        await Tasks.UpdateAsync(owner, task.Id, new TaskPatch { AssigneeIds = new[] { editor } });
        clock.Now = clock.Now.AddMinutes(1);
        await Comments.AddAsync(editor, task.Id, "Booked");

        var all = (await Activity.ListAsync(owner, task.Id, new TimeQuery { Limit = 200 })).Value!.Items;
        // Newest write first; the entries of one write share its time, in no order that means anything.
        var byWrite = all.GroupBy(a => a.At).Select(g => string.Join(" + ", g.Select(a => $"{a.Kind} by {a.ActorName}").Order())).ToList();
        Assert.Equal(
            [
                "Commented by Sam Editor", "Assigned by Alex Owner", "Completed by Alex Owner + Moved by Alex Owner", "Moved by Sam Editor",
                "Edited by Sam Editor + Renamed by Sam Editor", "Created by Alex Owner",
            ],
            byWrite);
        Assert.Equal(("Plan", "Plan the trip"), (all.Single(a => a.Kind == ActivityKind.Renamed).Details["from"], all.Single(a => a.Kind == ActivityKind.Renamed).Details["to"]));
        Assert.Equal("priority, tags", all.Single(a => a.Kind == ActivityKind.Edited).Details["fields"]);
        Assert.Contains(all, a => a.Kind == ActivityKind.Moved && a.Details["fromColumn"] == "To do" && a.Details["toColumn"] == "In progress");
        Assert.Contains(all, a => a.Kind == ActivityKind.Moved && a.Details["fromColumn"] == "In progress" && a.Details["toColumn"] == "Done");

        var pages = new List<ActivityEntry>();
        string? cursor = null;
        do
        {
            var page = (await Activity.ListAsync(editor, task.Id, new TimeQuery { Limit = 3, Cursor = cursor })).Value!;
            pages.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(all.Select(a => a.Id), pages.Select(a => a.Id));
        Assert.Equal(WriteOutcome.NotFound, (await Activity.ListAsync(await database.CreateUserAsync(), task.Id, new TimeQuery())).Outcome);
        Assert.Contains("cursor", (await Activity.ListAsync(owner, task.Id, new TimeQuery { Cursor = "nonsense" })).Errors.Keys);
    }

    [Fact]
    public async Task CommentsAreWrittenByEditorsChangedByTheirAuthorsAndDeletedByThemOrTheOwner()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var editor = await MemberAsync(owner, board, BoardRole.Editor, "Sam");
        var viewer = await MemberAsync(owner, board, BoardRole.Viewer);
        var task = (await Tasks.CreateAsync(owner, new TaskDraft("Discuss", ColumnId: board.Columns[0].Id))).Value!;

        Assert.Contains("body", (await Comments.AddAsync(editor, task.Id, "  ")).Errors.Keys);
        Assert.Contains("body", (await Comments.AddAsync(editor, task.Id, new string('c', TaskComment.BodyMaxLength + 1))).Errors.Keys);
        var first = (await Comments.AddAsync(editor, task.Id, "First,\nwith a second line")).Value!;
        clock.Now = clock.Now.AddSeconds(1);
        var second = (await Comments.AddAsync(owner, task.Id, "Second")).Value!;
        Assert.Equal(("Sam", "First,\nwith a second line", false), (first.AuthorName, first.Body, first.Edited));

        Assert.Equal([first.Id, second.Id], (await Comments.ListAsync(viewer, task.Id, new TimeQuery())).Value!.Items.Select(c => c.Id));
        Assert.Equal(WriteOutcome.Forbidden, (await Comments.EditAsync(owner, task.Id, first.Id, "Not mine")).Outcome);
        Assert.Equal(WriteOutcome.Forbidden, (await Comments.DeleteAsync(viewer, task.Id, first.Id)).Outcome);
        Assert.Equal(WriteOutcome.Forbidden, (await Comments.DeleteAsync(editor, task.Id, second.Id)).Outcome);
        clock.Now = clock.Now.AddSeconds(1);
        var edited = await Comments.EditAsync(editor, task.Id, first.Id, "First, edited", expectedVersion: 1);
        Assert.Equal(("First, edited", true, 2), (edited.Value?.Body, edited.Value?.Edited, edited.Value?.Version));
        Assert.Equal(WriteOutcome.Conflict, (await Comments.EditAsync(editor, task.Id, first.Id, "Stale", expectedVersion: 1)).Outcome);
        Assert.True((await Comments.DeleteAsync(owner, task.Id, first.Id)).IsOk);
        Assert.True((await Comments.DeleteAsync(owner, task.Id, second.Id)).IsOk);
        Assert.Empty((await Comments.ListAsync(editor, task.Id, new TimeQuery())).Value!.Items);
        Assert.Equal(WriteOutcome.NotFound, (await Comments.ListAsync(await database.CreateUserAsync(), task.Id, new TimeQuery())).Outcome);
    }

    [Fact]
    public async Task TwoEditorsMovingCardsIntoOneColumnAtOnceNeverShareAPosition()
    {
        var owner = await database.CreateUserAsync();
        var board = await BoardAsync(owner);
        var editors = new[] { await MemberAsync(owner, board, BoardRole.Editor), await MemberAsync(owner, board, BoardRole.Editor) };
        var (todo, doing) = (board.Columns[0], board.Columns[1]);
        var anchor = (await Tasks.CreateAsync(owner, new TaskDraft("anchor", ColumnId: doing.Id))).Value!;
        var cards = new List<TaskItem>();
        for (var i = 0; i < 20; i++)
        {
            cards.Add((await Tasks.CreateAsync(owner, new TaskDraft($"card {i}", ColumnId: todo.Id))).Value!);
        }

        // Every card goes directly below the anchor, half by each editor, all at once: each must land on a spot of its own.
        await Task.WhenAll(cards.Select((card, i) => Tasks.MoveAsync(editors[i % 2], card.Id, new TaskMove(doing.Id, BeforeId: anchor.Id))));

        var column = (await Tasks.ListAsync(owner, new TaskQuery { ColumnIds = [doing.Id], Limit = TaskQuery.MaxLimit })).Value!.Items;
        Assert.Equal(21, column.Count);
        Assert.Equal(column.Count, column.Select(t => t.Position).Distinct().Count());
        Assert.Equal(anchor.Id, column[0].Id);
    }
}
