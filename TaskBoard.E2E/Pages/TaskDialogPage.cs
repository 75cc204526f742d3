using Microsoft.Playwright;

namespace TaskBoard.E2E.Pages;

/// <summary>The task dialog: details, comments and history.</summary>
public sealed class TaskDialogPage(IPage page)
{
    public ILocator Dialog => page.Locator(".mud-dialog").Filter(new() { Has = page.Locator("#tb-task-tabs") });

    public ILocator Comments => page.Locator(".tb-comment .tb-comment-body");

    public ILocator Activity => page.Locator(".tb-activity-entry");

    public async Task OpenAsync(ILocator card)
    {
        await card.Locator(".tb-card-title").ClickAsync();
        await Dialog.WaitForAsync();
    }

    public async Task TabAsync(string name) => await Dialog.Locator(".mud-tab").Filter(new() { HasText = name }).ClickAsync();

    public async Task CommentAsync(string text)
    {
        await TabAsync("Comments");
        await page.FillAsync("#tb-new-comment", text);
        await page.ClickAsync("#tb-add-comment");
        await Assertions.Expect(Comments.Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }

    public async Task CloseAsync()
    {
        await page.Keyboard.PressAsync("Escape");
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
