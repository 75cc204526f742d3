using Microsoft.Playwright;

namespace TaskBoard.E2E.Pages;

/// <summary>The board's members dialog (Share / Members) and the invitations page.</summary>
public sealed class SharingPages(IPage page)
{
    public ILocator Members => page.Locator(".tb-member");

    public ILocator Member(string email) => page.Locator($".tb-member[data-email='{email}']");

    public ILocator Pending(string email) => page.Locator($".tb-pending-invitation[data-email='{email}']");

    public async Task OpenMembersAsync()
    {
        await page.ClickAsync("#tb-board-members");
        await page.Locator("#tb-member-list").WaitForAsync();
    }

    public async Task CloseMembersAsync()
    {
        await page.ClickAsync("#tb-close-members");
        await page.Locator(".tb-members").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Invites an address from the open members dialog and waits until it is listed as open.</summary>
    public async Task InviteAsync(string email, string role)
    {
        await page.FillAsync("#tb-invite-email", email);
        await page.Locator(".mud-select").Filter(new() { Has = page.Locator("#tb-invite-role") }).Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = role }).ClickAsync();
        await page.ClickAsync("#tb-invite");
        await Pending(email).WaitForAsync();
    }

    /// <summary>Removes a member from the open members dialog, confirming when asked.</summary>
    public async Task RemoveAsync(string email)
    {
        await Member(email).Locator(".tb-member-remove").ClickAsync();
        await page.Locator(".mud-message-box button").Filter(new() { HasText = "Remove" }).ClickAsync();
        await Member(email).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>The invitation on the invitations page (opened from an emailed link, or listed) to the board.</summary>
    public ILocator Invitation(string boardName) => page.Locator($".tb-invitation[data-board-name='{boardName}']");

    public async Task AcceptAsync(string boardName) => await Invitation(boardName).Locator(".tb-accept-invitation").ClickAsync();
}
