using Microsoft.Playwright;

namespace TaskBoard.E2E.Pages;

/// <summary>The board settings dialog, opened from the board's "Board settings" button.</summary>
public sealed class BoardSettingsPage(IPage page)
{
    private ILocator Dialog => page.Locator(".mud-dialog.tb-board-settings");

    public ILocator Column(string name) => Dialog.Locator($".tb-settings-column[data-column-name='{name}']");

    /// <summary>The columns as the dialog lists them now.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync() =>
        await Dialog.Locator(".tb-settings-column").EvaluateAllAsync<string[]>("columns => columns.map(c => c.dataset.columnName)");

    /// <summary>Waits until the dialog lists exactly these columns, in this order.</summary>
    public async Task ExpectColumnsAsync(params string[] names)
    {
        var columns = Dialog.Locator(".tb-settings-column");
        await Assertions.Expect(columns).ToHaveCountAsync(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            await Assertions.Expect(columns.Nth(i)).ToHaveAttributeAsync("data-column-name", names[i]);
        }
    }

    public async Task OpenAsync()
    {
        await page.ClickAsync("#tb-board-settings");
        await Assertions.Expect(Dialog.Locator(".tb-settings-column").First).ToBeVisibleAsync();
    }

    public async Task CloseAsync()
    {
        await Dialog.Locator("#tb-close-settings").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    public async Task AddColumnAsync(string name)
    {
        await Dialog.Locator("#tb-new-column").FillAsync(name);
        await Dialog.Locator("#tb-add-column").ClickAsync();
        await Assertions.Expect(Column(name)).ToHaveCountAsync(1);
    }

    public async Task RenameColumnAsync(string name, string newName)
    {
        var field = Column(name).Locator(".tb-column-rename input");
        await field.FillAsync(newName);
        await field.PressAsync("Tab");
        await Assertions.Expect(Column(newName)).ToHaveCountAsync(1);
    }

    public async Task SetWipLimitAsync(string name, int limit)
    {
        var field = Column(name).Locator(".tb-column-limit input");
        await field.FillAsync(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
    }

    public Task MoveEarlierAsync(string name) => Column(name).Locator(".tb-column-left").ClickAsync();

    /// <summary>Deletes a column; one that holds tasks sends them to <paramref name="moveTo"/>.</summary>
    public async Task DeleteColumnAsync(string name, string? moveTo = null)
    {
        await Column(name).Locator(".tb-column-delete").ClickAsync();
        var confirm = Dialog.Locator(".tb-column-delete-confirm");
        if (moveTo is not null)
        {
            await confirm.Locator(".tb-column-move-to").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = moveTo }).ClickAsync();
        }

        await confirm.Locator(".tb-column-delete-confirm-button").ClickAsync();
        await Assertions.Expect(Column(name)).ToHaveCountAsync(0);
    }
}
