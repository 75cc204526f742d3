using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using MudBlazor;
using TaskBoard.Data;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Email;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Sharing;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;
using TaskBoard.Web.Account;
using TaskBoard.Web.Sharing;

namespace TaskBoard.Tests.Components;

/// <summary>The members dialog over the real services (SQLite): the owner's powers, and a member leaving.</summary>
public sealed class MembersDialogTests : MudContext, IClassFixture<SqliteDatabase>
{
    private static readonly Uri LinkBase = new("https://tasks.example.test/");

    private readonly SqliteDatabase database;
    private readonly SessionService sessions;
    private readonly BunitAuthorizationContext authorization;
    private readonly BoardService boards;
    private readonly MemberService members;
    private readonly InvitationService invitations;

    public MembersDialogTests(SqliteDatabase database)
    {
        this.database = database;
        var feed = new TaskChangeFeed(NullLogger<TaskChangeFeed>.Instance, new NoOtherInstances());
        boards = new BoardService(database.Factory, TimeProvider.System, feed);
        members = new MemberService(database.Factory, TimeProvider.System, feed);
        invitations = new InvitationService(database.Factory, TimeProvider.System, feed, new EmailOutbox(database.Factory, TimeProvider.System));
        sessions = new SessionService(database.Factory, new MemoryCache(new MemoryCacheOptions()),
            new AuditLog(database.Factory, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System,
            Options.Create(new SessionOptions()), new NoOtherInstances());
        Services.AddSingleton(members);
        Services.AddSingleton(invitations);
        Services.AddSingleton(sessions);
        Services.AddSingleton(Options.Create(new AppOptions()));
        Services.AddScoped<CircuitSession>();
        authorization = AddAuthorization();
    }

    /// <summary>A board of a new owner's with an editor and a viewer on it (their addresses confirmed, invitations accepted).</summary>
    private async Task<(Guid Owner, Guid Editor, Guid Viewer, Board Board)> SharedBoardAsync()
    {
        var owner = await database.CreateUserAsync("Alex Owner");
        var board = (await boards.CreateAsync(owner, new BoardDraft("Shared"))).Value!;
        var editor = await JoinAsync(owner, board, "Sam Editor", BoardRole.Editor);
        var viewer = await JoinAsync(owner, board, "Vic Viewer", BoardRole.Viewer);
        return (owner, editor, viewer, board);
    }

    private async Task<Guid> JoinAsync(Guid owner, Board board, string name, BoardRole role)
    {
        var user = await database.CreateUserAsync(name);
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true));
        var email = await db.Users.Where(u => u.Id == user).Select(u => u.Email!).SingleAsync();
        var invited = await invitations.InviteAsync(owner, board.Id, email, role, LinkBase);
        Assert.True((await invitations.AcceptAsync(user, invited.Value!.Id, token: null)).IsOk);
        return user;
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(Guid user, Guid boardId)
    {
        var session = await sessions.CreateAsync(user, SessionKind.Browser, null, TimeSpan.FromHours(1), ClientInfo.Unknown);
        authorization.SetAuthorized("Test user").SetClaims(
            new Claim(JwtRegisteredClaimNames.Sub, user.ToString()), new Claim(JwtRegisteredClaimNames.Sid, session.Id.ToString()));
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<MembersDialog>("Members",
            new DialogParameters<MembersDialog> { { d => d.BoardId, boardId }, { d => d.UserId, user } }));
        provider.WaitForAssertion(() => Assert.Equal(3, provider.FindAll(".tb-member").Count));
        return (provider, reference!);
    }

    private static void ConfirmMessageBox(IRenderedComponent<MudDialogProvider> provider) =>
        provider.WaitForElement(".mud-message-box__yes-button").Click();

    [Fact]
    public async Task TheOwnerSeesEveryoneRemovesAMemberHandsTheBoardOverAndInvites()
    {
        var (owner, editor, viewer, board) = await SharedBoardAsync();
        var (provider, _) = await OpenAsync(owner, board.Id);

        Assert.Equal(["owner", "editor", "viewer"], provider.FindAll(".tb-member").Select(m => m.GetAttribute("data-role")));
        Assert.Equal(2, provider.FindAll(".tb-member-role").Count);

        provider.FindAll(".tb-member")[2].QuerySelector(".tb-member-remove")!.Click();
        ConfirmMessageBox(provider);
        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll(".tb-member").Count));
        Assert.Null(await boards.GetAsync(viewer, board.Id));

        provider.Find("#tb-invite-email").Input("friend@example.test");
        provider.Find("#tb-invite").Click();
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll(".tb-pending-invitation[data-email='friend@example.test']")));
        Assert.Contains("Invited friend@example.test.", provider.Find("#tb-invite-status").TextContent);
        provider.Find("#tb-invite-email").Input("not an address");
        provider.Find("#tb-invite").Click();
        provider.WaitForAssertion(() => Assert.Contains("Enter an email address like name@example.com.", provider.Markup));

        provider.FindAll(".tb-member")[1].QuerySelector(".tb-member-transfer")!.Click();
        ConfirmMessageBox(provider);
        provider.WaitForAssertion(() => Assert.Equal(["owner", "editor"], provider.FindAll(".tb-member").Select(m => m.GetAttribute("data-role"))));
        Assert.Equal(BoardRole.Owner, (await boards.GetAsync(editor, board.Id))!.Role);
        // Now an editor, the former owner manages nobody and may leave.
        Assert.Empty(provider.FindAll(".tb-member-role"));
        Assert.Single(provider.FindAll("#tb-leave-board"));
    }

    [Fact]
    public async Task AMemberSeesWhoIsOnTheBoardAndLeavesIt()
    {
        var (_, _, viewer, board) = await SharedBoardAsync();
        var (provider, dialog) = await OpenAsync(viewer, board.Id);

        Assert.Empty(provider.FindAll(".tb-member-role"));
        Assert.Empty(provider.FindAll("#tb-invite-email"));
        Assert.Contains("As a viewer you read the board", provider.Markup);

        provider.Find("#tb-leave-board").Click();
        ConfirmMessageBox(provider);

        Assert.IsType<MembersDialog.Left>((await dialog.Result)!.Data);
        Assert.Null(await boards.GetAsync(viewer, board.Id));
    }
}
