using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using MudBlazor;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Account;
using TaskBoard.Tests.Infrastructure;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

/// <summary>The edit dialog, rendered with MudBlazor's dialog service over a real task service (SQLite).</summary>
public sealed class TaskDialogTests : MudContext, IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase database;

    private readonly SessionService sessions;
    private readonly BunitAuthorizationContext authorization;

    public TaskDialogTests(SqliteDatabase database)
    {
        this.database = database;
        var feed = new TaskChangeFeed(NullLogger<TaskChangeFeed>.Instance, new NoOtherInstances());
        Services.AddSingleton(feed);
        Services.AddSingleton(new TaskService(database.Factory, TimeProvider.System, feed));
        Services.AddSingleton(new CommentService(database.Factory, TimeProvider.System, feed));
        Services.AddSingleton(new ActivityService(database.Factory));
        sessions = new SessionService(database.Factory, new MemoryCache(new MemoryCacheOptions()),
            new AuditLog(database.Factory, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System,
            Options.Create(new SessionOptions()), new NoOtherInstances());
        Services.AddSingleton(sessions);
        Services.AddScoped<CircuitSession>();
        authorization = AddAuthorization();
    }

    /// <summary>Opens the dialog on a new task of a new user, signed in with a real session (as a viewer of it when <paramref name="canEdit"/> is false).</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog, TaskItem Task)> OpenAsync(bool canEdit = true)
    {
        var user = await database.CreateUserAsync();
        var session = await sessions.CreateAsync(user, SessionKind.Browser, null, TimeSpan.FromHours(1), ClientInfo.Unknown);
        authorization.SetAuthorized("Test user").SetClaims(
            new Claim(JwtRegisteredClaimNames.Sub, user.ToString()), new Claim(JwtRegisteredClaimNames.Sid, session.Id.ToString()));
        var task = (await Services.GetRequiredService<TaskService>().CreateAsync(user, new TaskDraft("Original", Tags: ["a"]))).Value!;
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () =>
            reference = await dialogs.ShowAsync<TaskDialog>("Edit task", new DialogParameters<TaskDialog>
            {
                { d => d.Card, task }, { d => d.UserId, user }, { d => d.CanEdit, canEdit },
                { d => d.Members, [new TaskBoard.Data.Sharing.MemberEntry(user, "Test user", "test@example.test", TaskBoard.Data.Boards.BoardRole.Owner, DateTime.UtcNow)] },
            }));
        return (provider, reference!, task);
    }

    /// <summary>
    /// Types into a MudBlazor field as a browser reports it: "input" for immediate fields, "change" for
    /// the others, then leaving the field.
    /// </summary>
    private static void Type(IRenderedComponent<MudDialogProvider> provider, string selector, string text)
    {
        try
        {
            provider.Find(selector).Input(text);
        }
        catch (MissingEventHandlerException)
        {
            provider.Find(selector).Change(text);
        }

        provider.Find(selector).Blur();
    }

    [Theory]
    [InlineData("", "Title is required.")]
    [InlineData("   ", "Title is required.")]
    public async Task AnEmptyTitleIsRefusedInPlaceAndNothingIsSaved(string title, string message)
    {
        var (provider, _, task) = await OpenAsync();

        Type(provider, "#tb-edit-title", title);
        provider.Find("#tb-edit-save").Click();

        provider.WaitForAssertion(() => Assert.Contains(message, provider.Markup));
        Assert.Single(provider.FindAll(".mud-dialog"));
        var stored = await Services.GetRequiredService<TaskService>().GetAsync(task.CreatedBy!.Value, task.Id);
        Assert.Equal(("Original", 1), (stored?.Title, stored?.Version));
    }

    [Fact]
    public async Task ATooLongTitleAndTooManyTagsAreRefusedWithTheServicesMessages()
    {
        var (provider, _, _) = await OpenAsync();

        Type(provider, "#tb-edit-title", new string('x', TaskItem.TitleMaxLength + 1));
        Type(provider, "#tb-edit-tags", string.Join(",", Enumerable.Range(0, TaskItem.MaxTags + 1).Select(i => $"t{i}")));
        provider.Find("#tb-edit-save").Click();

        provider.WaitForAssertion(() =>
        {
            Assert.Contains($"Title must be at most {TaskItem.TitleMaxLength} characters.", provider.Markup);
            Assert.Contains($"A task can have at most {TaskItem.MaxTags} tags.", provider.Markup);
        });
    }

    [Fact]
    public async Task AValidEditIsSavedAndClosesTheDialogWithTheTask()
    {
        var (provider, dialog, task) = await OpenAsync();

        Type(provider, "#tb-edit-title", "Renamed");
        Type(provider, "#tb-edit-tags", "b, a , b,");
        provider.Find("#tb-edit-save").Click();

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        var saved = Assert.IsType<TaskItem>(result.Data);
        Assert.Equal(("Renamed", 2), (saved.Title, saved.Version));
        Assert.Equal(["b", "a"], saved.Tags);
        Assert.Equal(task.Id, saved.Id);
    }

    [Fact]
    public async Task ADialogLeftOpenAfterItsSessionWasRevokedSavesNothing()
    {
        var (provider, dialog, task) = await OpenAsync();
        var session = Guid.Parse(authorization.Claims.Single(c => c.Type == JwtRegisteredClaimNames.Sid).Value);
        Assert.True(await sessions.RevokeAsync(task.CreatedBy!.Value, session, AuditKinds.SessionRevoked, ClientInfo.Unknown));

        Type(provider, "#tb-edit-title", "Written after the sign-in ended");
        provider.Find("#tb-edit-save").Click();

        Assert.True((await dialog.Result)!.Canceled);
        var stored = await Services.GetRequiredService<TaskService>().GetAsync(task.CreatedBy!.Value, task.Id);
        Assert.Equal(("Original", 1), (stored?.Title, stored?.Version));
    }

    [Fact]
    public async Task AReaderWhoMayNotEditSeesTheTaskReadOnlyWithNothingToSaveAndNoCommentBox()
    {
        var (provider, dialog, _) = await OpenAsync(canEdit: false);

        Assert.True(provider.Find("#tb-edit-title").HasAttribute("readonly"));
        Assert.Empty(provider.FindAll("#tb-edit-save"));
        Assert.Contains("Created by Test user.", provider.Find("#tb-edit-who").TextContent);
        provider.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Comments", StringComparison.Ordinal)).Click();
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("#tb-no-comments")));
        Assert.Empty(provider.FindAll("#tb-new-comment"));
        provider.Find("#tb-task-close").Click();
        Assert.True((await dialog.Result)!.Canceled);
    }

    [Fact]
    public async Task ACommentWrittenInTheDialogIsListedAndTheHistorySaysSo()
    {
        var (provider, _, task) = await OpenAsync();

        provider.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Comments", StringComparison.Ordinal)).Click();
        provider.WaitForElement("#tb-new-comment");
        Type(provider, "#tb-new-comment", "First thoughts,\non two lines");
        provider.Find("#tb-add-comment").Click();
        provider.WaitForAssertion(() => Assert.Equal("First thoughts,\non two lines", provider.Find(".tb-comment-body").TextContent));
        provider.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Activity", StringComparison.Ordinal)).Click();
        provider.WaitForAssertion(() => Assert.Equal(["Test user commented.", "Test user created it in To do."],
            provider.FindAll(".tb-activity-entry .mud-typography-body2").Select(e => e.TextContent)));
        var stored = await Services.GetRequiredService<CommentService>().ListAsync(task.CreatedBy!.Value, task.Id, new TimeQuery());
        Assert.Equal("Test user", Assert.Single(stored.Value!.Items).AuthorName);
    }

    [Fact]
    public void ADueTimeIsShownAsTheDayItFallsOnInTheReadersZone()
    {
        var late = new TaskItem { DueAt = new DateTime(2030, 1, 15, 23, 30, 0, DateTimeKind.Utc) };
        var day = new TaskItem { DueAt = new DateTime(2030, 1, 15, 0, 0, 0, DateTimeKind.Utc), DueIsDate = true };
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        Assert.Equal(new DateOnly(2030, 1, 16), TaskDialog.DayOf(late, tokyo));
        Assert.Equal(new DateOnly(2030, 1, 15), TaskDialog.DayOf(late, TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2030, 1, 15), TaskDialog.DayOf(day, tokyo));
        Assert.Null(TaskDialog.DayOf(new TaskItem(), tokyo));
    }
}
