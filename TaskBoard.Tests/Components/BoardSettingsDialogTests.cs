using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using MudBlazor;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

/// <summary>The board settings dialog, rendered with MudBlazor's dialog service over the real board and task services (SQLite).</summary>
public sealed class BoardSettingsDialogTests : MudContext, IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase database;
    private readonly BunitAuthorizationContext authorization;
    private readonly BoardService boards;
    private readonly TaskService tasks;

    public BoardSettingsDialogTests(SqliteDatabase database)
    {
        this.database = database;
        var feed = new TaskChangeFeed(NullLogger<TaskChangeFeed>.Instance, new NoOtherInstances());
        boards = new BoardService(database.Factory, TimeProvider.System, feed);
        tasks = new TaskService(database.Factory, TimeProvider.System, feed);
        Services.AddSingleton(boards);
        Services.AddSingleton(tasks);
        authorization = AddAuthorization();
    }

    /// <summary>Opens the dialog on a new board of a new user, with one task in its first column.</summary>
    private IRenderedComponent<MudPopoverProvider> popovers = default!;

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog, Guid User, Board Board)> OpenAsync()
    {
        var user = await database.CreateUserAsync();
        authorization.SetAuthorized("Test user").SetClaims(
            new Claim(JwtRegisteredClaimNames.Sub, user.ToString()), new Claim(JwtRegisteredClaimNames.Sid, Guid.NewGuid().ToString()));
        var board = (await boards.CreateAsync(user, new BoardDraft("Work"))).Value!;
        await tasks.CreateAsync(user, new TaskDraft("Waiting", ColumnId: board.Columns[0].Id));
        var provider = Render<MudDialogProvider>();
        popovers = Render<MudPopoverProvider>(); // where a select's list opens
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () =>
            reference = await dialogs.ShowAsync<BoardSettingsDialog>("Board settings", new DialogParameters<BoardSettingsDialog> { { d => d.BoardId, board.Id } }));
        provider.WaitForAssertion(() => Assert.Equal(3, provider.FindAll(".tb-settings-column").Count));
        return (provider, reference!, user, board);
    }

    private async Task<List<string>> StoredColumnsAsync(Guid user, Guid boardId) =>
        [.. (await boards.GetAsync(user, boardId))!.Columns.Select(c => $"{c.Name}{(c.IsDone ? " (done)" : "")}{(c.WipLimit is { } limit ? $" ≤{limit}" : "")}")];

    private static IReadOnlyList<string> ShownColumns(IRenderedComponent<MudDialogProvider> provider) =>
        [.. provider.FindAll(".tb-settings-column").Select(c => c.GetAttribute("data-column-name")!)];

    [Fact]
    public async Task ItListsTheColumnsAndAddsRenamesAndReordersThemAsTheyAreChanged()
    {
        var (provider, _, user, board) = await OpenAsync();
        Assert.Equal(["To do", "In progress", "Done"], ShownColumns(provider));
        Assert.True(provider.Find(".tb-settings-column[data-column-name='Done'] .tb-column-done input").HasAttribute("checked"));

        provider.Find("#tb-new-column").Input("Review");
        provider.Find("#tb-add-column").Click();
        provider.WaitForAssertion(() => Assert.Equal(["To do", "In progress", "Done", "Review"], ShownColumns(provider)));

        provider.Find(".tb-settings-column[data-column-name='In progress'] .tb-column-rename input").Change("Building");
        provider.WaitForAssertion(() => Assert.Contains("Building", ShownColumns(provider)));

        provider.Find(".tb-settings-column[data-column-name='Review'] .tb-column-left").Click();
        provider.WaitForAssertion(() => Assert.Equal(["To do", "Building", "Review", "Done"], ShownColumns(provider)));

        provider.Find(".tb-settings-column[data-column-name='Building'] .tb-column-limit input").Change("3");
        provider.Find(".tb-settings-column[data-column-name='Review'] .tb-column-done input").Change(true);
        await WaitForStoredAsync(user, board.Id, ["To do", "Building ≤3", "Review (done)", "Done (done)"]);
        Assert.True(provider.Find(".tb-settings-column[data-column-name='To do'] .tb-column-left").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ABadNameIsSaidAndNothingChanges()
    {
        var (provider, _, user, board) = await OpenAsync();

        provider.Find(".tb-settings-column[data-column-name='To do'] .tb-column-rename input").Change("   ");
        provider.WaitForAssertion(() => Assert.Contains("Column name is required.", provider.Markup + Render<MudSnackbarProvider>().Markup));

        Assert.Equal(["To do", "In progress", "Done (done)"], await StoredColumnsAsync(user, board.Id));
        Assert.Equal(["To do", "In progress", "Done"], ShownColumns(provider));
    }

    [Fact]
    public async Task DeletingAColumnThatHoldsTasksAsksWhereTheyGoFirst()
    {
        var (provider, _, user, board) = await OpenAsync();

        provider.Find(".tb-settings-column[data-column-name='To do'] .tb-column-delete").Click();
        provider.WaitForAssertion(() => Assert.Contains("It holds 1 task(s)", provider.Find(".tb-column-delete-confirm").TextContent));
        Assert.True(provider.Find(".tb-column-delete-confirm-button").HasAttribute("disabled"));

        provider.Find(".tb-column-delete-confirm .mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("In progress", StringComparison.Ordinal)).Click();
        provider.WaitForAssertion(() => Assert.False(provider.Find(".tb-column-delete-confirm-button").HasAttribute("disabled")));
        provider.Find(".tb-column-delete-confirm-button").Click();

        await WaitForStoredAsync(user, board.Id, ["In progress", "Done (done)"]);
        provider.WaitForAssertion(() => Assert.Equal(["In progress", "Done"], ShownColumns(provider)));
        var moved = (await tasks.ListAsync(user, new TaskQuery { BoardId = board.Id })).Value!.Items.Single();
        Assert.Equal(board.Columns[1].Id, moved.ColumnId);
    }

    [Fact]
    public async Task TheBoardIsDeletedOnlyOnceItsNameIsTypedAndTheDialogSaysSo()
    {
        var (provider, dialog, user, board) = await OpenAsync();
        Assert.True(provider.Find("#tb-delete-board").HasAttribute("disabled"));

        provider.Find("#tb-delete-board-name").Input("work");
        Assert.True(provider.Find("#tb-delete-board").HasAttribute("disabled"));
        provider.Find("#tb-delete-board-name").Input("Work");
        provider.WaitForAssertion(() => Assert.False(provider.Find("#tb-delete-board").HasAttribute("disabled")));
        provider.Find("#tb-delete-board").Click();

        var result = await dialog.Result;
        Assert.IsType<BoardSettingsDialog.Deleted>(result!.Data);
        Assert.Null(await boards.GetAsync(user, board.Id));
    }

    [Fact]
    public async Task ArchivingAndRestoringFlipTheBoardAndItsButton()
    {
        var (provider, _, user, board) = await OpenAsync();

        provider.Find("#tb-archive-board").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#tb-unarchive-board")));
        Assert.NotNull((await boards.GetAsync(user, board.Id))!.ArchivedAt);

        provider.Find("#tb-unarchive-board").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#tb-archive-board")));
        Assert.Null((await boards.GetAsync(user, board.Id))!.ArchivedAt);
    }

    private async Task WaitForStoredAsync(Guid user, Guid boardId, string[] expected)
    {
        for (var i = 0; i < 50 && !(await StoredColumnsAsync(user, boardId)).SequenceEqual(expected); i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(expected, await StoredColumnsAsync(user, boardId));
    }
}
