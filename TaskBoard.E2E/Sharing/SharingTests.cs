using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Sharing;

/// <summary>Two people on one board, each in their own browser: inviting, accepting from the email, working together live, roles and removal.</summary>
public sealed class SharingTests(MailBrowserApp app) : IClassFixture<MailBrowserApp>, IDisposable
{
    public void Dispose() => app.AssertNoCspViolations();

    private async Task<(IPage Page, BoardPage Board)> SignUpAsync(string name, string email, int width = 1280, int height = 800)
    {
        var page = await app.NewPageAsync(width, height);
        await new AccountPages(page).SignUpAsync(name, email, AccountPages.Password);
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        return (page, board);
    }

    /// <summary>Owner invites (in the browser or over the API); the invitee opens the emailed link in their browser and accepts.</summary>
    private async Task AcceptFromEmailAsync(IPage inviteePage, string email, string boardName)
    {
        var message = await app.Smtp.WaitForAsync(email, m => m.Subject!.Contains(boardName, StringComparison.Ordinal));
        await inviteePage.GotoAsync(SmtpCapture.Link(message));
        await inviteePage.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var sharing = new SharingPages(inviteePage);
        await sharing.Invitation(boardName).WaitForAsync();
        await BrowserApp.ScreenshotAsync(inviteePage, "sharing-invitation", fullPage: false);
        await sharing.AcceptAsync(boardName);
        await new BoardPage(inviteePage).WaitReadyAsync();
        await Assertions.Expect(new BoardPage(inviteePage).Name).ToHaveTextAsync(boardName);
    }

    /// <summary>A shared board set up over the API: the owner's default board, the member joined by the emailed link's token.</summary>
    private async Task<(HttpClient Owner, HttpClient Member, Guid BoardId)> ShareOverApiAsync(string ownerEmail, string memberEmail, string role)
    {
        var owner = await app.ApiClientAsync(ownerEmail);
        var member = await app.ApiClientAsync(memberEmail);
        var boardId = (await owner.GetFromJsonAsync<JsonElement>("/api/boards")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var invited = await owner.PostAsJsonAsync($"/api/boards/{boardId}/invitations", new { email = memberEmail, role });
        var invitation = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var message = await app.Smtp.WaitForAsync(memberEmail, m => m.Subject!.Contains("My tasks", StringComparison.Ordinal));
        var accepted = await member.PostAsJsonAsync($"/api/invitations/{invitation}/accept", new { token = SmtpCapture.Token(message) });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        return (owner, member, boardId);
    }

    [Fact]
    public async Task TheOwnerInvitesTheInviteeAcceptsFromTheEmailAndEachSeesTheOthersMovesAndCommentsLive()
    {
        var ownerEmail = AccountPages.NewEmail();
        var inviteeEmail = AccountPages.NewEmail();
        var (ownerPage, ownerBoard) = await SignUpAsync("Alex Owner", ownerEmail);
        var (inviteePage, _) = await SignUpAsync("Sam Editor", inviteeEmail);

        // The owner invites from the board's Share dialog.
        var sharing = new SharingPages(ownerPage);
        await sharing.OpenMembersAsync();
        await sharing.InviteAsync(inviteeEmail, "Editor");
        await BrowserApp.ScreenshotAsync(ownerPage, "sharing-members", fullPage: false);
        await sharing.CloseMembersAsync();

        await AcceptFromEmailAsync(inviteePage, inviteeEmail, "My tasks");
        var inviteeBoard = new BoardPage(inviteePage);

        // The owner sees the new member without a reload, and each sees the other's cards and moves.
        await sharing.OpenMembersAsync();
        await Assertions.Expect(sharing.Member(inviteeEmail)).ToHaveAttributeAsync("data-role", "editor");
        await sharing.CloseMembersAsync();
        await ownerBoard.QuickAddAsync("To do", "Plan the trip");
        await Assertions.Expect(inviteeBoard.Card("Plan the trip")).ToHaveCountAsync(1);
        await inviteeBoard.DragUntilAsync(inviteeBoard.Card("Plan the trip"), inviteeBoard.Column("In progress").Locator(".tb-zone"),
            async () => (await inviteeBoard.TitlesAsync("In progress")).Contains("Plan the trip"));
        await Assertions.Expect(ownerBoard.Column("In progress").Locator(".tb-card").Filter(new() { HasText = "Plan the trip" })).ToHaveCountAsync(1);
        await inviteeBoard.QuickAddAsync("To do", "Book the train");
        await Assertions.Expect(ownerBoard.Column("To do").Locator(".tb-card").Filter(new() { HasText = "Book the train" })).ToHaveCountAsync(1);

        // A comment written in one browser shows in the other's open task dialog.
        var ownerDialog = new TaskDialogPage(ownerPage);
        var inviteeDialog = new TaskDialogPage(inviteePage);
        await inviteeDialog.OpenAsync(inviteeBoard.Card("Plan the trip"));
        await inviteeDialog.TabAsync("Comments");
        await ownerDialog.OpenAsync(ownerBoard.Card("Plan the trip"));
        await ownerDialog.CommentAsync("Trains are cheaper on Tuesdays.");
        await Assertions.Expect(inviteeDialog.Comments.Filter(new() { HasText = "Trains are cheaper on Tuesdays." })).ToHaveCountAsync(1);
        await inviteeDialog.CommentAsync("Then Tuesday it is.");
        await Assertions.Expect(ownerDialog.Comments.Filter(new() { HasText = "Then Tuesday it is." })).ToHaveCountAsync(1);
        await ownerDialog.TabAsync("Activity");
        await Assertions.Expect(ownerDialog.Activity.Filter(new() { HasText = "Sam Editor moved it from To do to In progress." })).ToHaveCountAsync(1);
        await Assertions.Expect(ownerDialog.Activity.Filter(new() { HasText = "Alex Owner created it in To do." })).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(ownerPage, "sharing-task-activity", fullPage: false);
        await ownerDialog.TabAsync("Comments");
        await BrowserApp.ScreenshotAsync(ownerPage, "sharing-task-comments", fullPage: false);
        await ownerDialog.CloseAsync();
        await inviteeDialog.CloseAsync();

        // Assigned in one browser, the initials show on both boards, and "assigned to me" finds it.
        await ownerDialog.OpenAsync(ownerBoard.Card("Plan the trip"));
        await ownerDialog.AssignAndSaveAsync("Sam Editor");
        await Assertions.Expect(inviteeBoard.Card("Plan the trip").Locator(".tb-avatar")).ToHaveTextAsync("SE");
        await Assertions.Expect(ownerBoard.Card("Plan the trip").Locator(".tb-assignees")).ToHaveAttributeAsync("title", "Assigned to Sam Editor");
        await inviteePage.Locator(".mud-select").Filter(new() { Has = inviteePage.Locator("#tb-filter-assignee") }).Last.ClickAsync();
        await inviteePage.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Assigned to me" }).ClickAsync();
        await Assertions.Expect(inviteePage.Locator(".tb-card")).ToHaveCountAsync(1);
        await Assertions.Expect(inviteeBoard.Card("Plan the trip")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(ownerPage, "sharing-board");
    }

    [Fact]
    public async Task AViewerGetsABoardWithNoDragNoQuickAddAndReadOnlyDialogsAndTheApiRefusesTheirWrites()
    {
        var ownerEmail = AccountPages.NewEmail();
        var viewerEmail = AccountPages.NewEmail();
        var (ownerPage, ownerBoard) = await SignUpAsync("Alex Owner", ownerEmail);
        await ownerBoard.QuickAddAsync("To do", "Read me");
        var (viewerPage, _) = await SignUpAsync("Vic Viewer", viewerEmail, 390, 844);
        var (_, viewerApi, boardId) = await ShareOverApiAsync(ownerEmail, viewerEmail, "viewer");

        await viewerPage.GotoAsync($"/boards/{boardId}");
        var board = new BoardPage(viewerPage);
        await board.WaitReadyAsync();
        await Assertions.Expect(viewerPage.Locator("#tb-board-read-only")).ToBeVisibleAsync();
        await Assertions.Expect(board.Card("Read me")).ToHaveCountAsync(1);
        await Assertions.Expect(viewerPage.Locator("input[id^='tb-quick-add-']")).ToHaveCountAsync(0);
        await Assertions.Expect(viewerPage.Locator(".tb-card .tb-delete, .tb-card .tb-move")).ToHaveCountAsync(0);
        await Assertions.Expect(viewerPage.Locator("#tb-board-settings")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(viewerPage, "sharing-viewer-phone");

        // A drag goes nowhere, and the checkbox does not complete it.
        await board.DragAsync(board.Card("Read me"), board.Column("Done").Locator(".tb-zone"));
        await board.Card("Read me").Locator(".tb-complete input").ClickAsync(new() { Force = true });
        Assert.Equal(["Read me"], await board.TitlesAsync("To do"));
        Assert.Empty(await new BoardPage(ownerPage).TitlesAsync("Done"));

        // The dialog reads, and has nothing to save.
        var dialog = new TaskDialogPage(viewerPage);
        await dialog.OpenAsync(board.Card("Read me"));
        await Assertions.Expect(viewerPage.Locator("#tb-edit-save")).ToHaveCountAsync(0);
        await Assertions.Expect(viewerPage.Locator("#tb-edit-title")).ToHaveAttributeAsync("readonly", "");
        await dialog.TabAsync("Comments");
        await Assertions.Expect(viewerPage.Locator("#tb-new-comment")).ToHaveCountAsync(0);
        await dialog.CloseAsync();

        var taskId = (await viewerApi.GetFromJsonAsync<JsonElement>($"/api/tasks?boardId={boardId}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var patch = await viewerApi.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Changed by a viewer" });
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.PostAsJsonAsync("/api/tasks", new { title = "Mine", boardId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.PostAsJsonAsync($"/api/tasks/{taskId}/comments", new { body = "Hi" })).StatusCode);
        Assert.Equal(["Read me"], await ownerBoard.TitlesAsync("To do"));
    }

    [Fact]
    public async Task RemovingAMemberClosesTheBoardInTheirOpenBrowserWithinFiveSeconds()
    {
        var ownerEmail = AccountPages.NewEmail();
        var memberEmail = AccountPages.NewEmail();
        var (ownerPage, _) = await SignUpAsync("Alex Owner", ownerEmail);
        var (memberPage, _) = await SignUpAsync("Sam Member", memberEmail);
        var (_, memberApi, boardId) = await ShareOverApiAsync(ownerEmail, memberEmail, "editor");
        await memberPage.GotoAsync($"/boards/{boardId}");
        await new BoardPage(memberPage).WaitReadyAsync();
        await ownerPage.ReloadAsync();
        await new BoardPage(ownerPage).WaitReadyAsync();

        var sharing = new SharingPages(ownerPage);
        await sharing.OpenMembersAsync();
        await sharing.RemoveAsync(memberEmail);

        await Assertions.Expect(memberPage.Locator("#tb-board-missing")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(memberPage.Locator(".tb-card")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await memberApi.GetAsync($"/api/boards/{boardId}")).StatusCode);
    }
}
