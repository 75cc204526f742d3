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

    /// <summary>Picks <paramref name="name"/> among the assignees (Details tab) and saves the task.</summary>
    public async Task AssignAndSaveAsync(string name)
    {
        await TabAsync("Details");
        await page.Locator(".mud-select").Filter(new() { Has = page.Locator("#tb-edit-assignees") }).Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = name }).ClickAsync();
        // Closes the list, not the dialog.
        await Dialog.Locator(".mud-dialog-title").ClickAsync();
        await page.ClickAsync("#tb-edit-save");
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public async Task CommentAsync(string text)
    {
        await TabAsync("Comments");
        await page.FillAsync("#tb-new-comment", text);
        await page.ClickAsync("#tb-add-comment");
        await Assertions.Expect(Comments.Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }

    /// <summary>Closes without saving: Cancel for an editor, Close for a viewer.</summary>
    public async Task CloseAsync()
    {
        await Dialog.Locator(".mud-dialog-actions button").First.ClickAsync();
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
