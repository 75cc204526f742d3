using Bunit;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

public sealed class TaskCardAndColumnTests : MudContext
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TaskItem Item(string title, TaskItemStatus status = TaskItemStatus.Todo, DateTime? dueAt = null, params string[] tags) => new()
    {
        Id = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), Title = title, Status = status, DueAt = dueAt, Tags = [.. tags],
        Priority = TaskPriority.High, Version = 1,
    };

    [Fact]
    public void ACardShowsItsTitleAsTextWithItsPriorityDueDateAndTags()
    {
        var card = Render<TaskCard>(p => p
            .Add(c => c.Card, Item("<b>bold</b> & <script>x</script>", dueAt: Now.AddDays(3), tags: ["work", "q1"]))
            .Add(c => c.Now, Now));

        Assert.Equal("<b>bold</b> & <script>x</script>", card.Find(".tb-card-title").TextContent);
        Assert.Empty(card.FindAll(".tb-card-title b"));
        Assert.Contains("High", card.Markup);
        Assert.Contains("4 May 2026", card.Markup);
        Assert.Contains("q1", card.Markup);
        Assert.Empty(card.FindAll(".tb-overdue"));
    }

    [Theory]
    [InlineData(TaskItemStatus.Todo, -1, true)]
    [InlineData(TaskItemStatus.InProgress, -24, true)]
    [InlineData(TaskItemStatus.Done, -24, false)]
    [InlineData(TaskItemStatus.Todo, 1, false)]
    public void OnlyUnfinishedTasksPastTheirDueTimeAreHighlightedAsOverdue(TaskItemStatus status, int hoursFromNow, bool overdue)
    {
        var card = Render<TaskCard>(p => p.Add(c => c.Card, Item("Due", status, Now.AddHours(hoursFromNow))).Add(c => c.Now, Now));

        Assert.Equal(overdue, card.FindAll(".tb-overdue").Count == 1);
    }

    [Fact]
    public void ACardReportsCompleteEditAndDelete()
    {
        var task = Item("Act on me");
        (TaskItem, bool)? toggled = null;
        TaskItem? edited = null, deleted = null;
        var card = Render<TaskCard>(p => p
            .Add(c => c.Card, task).Add(c => c.Now, Now)
            .Add(c => c.OnToggle, (Action<(TaskItem, bool)>)(t => toggled = t))
            .Add(c => c.OnEdit, (Action<TaskItem>)(t => edited = t))
            .Add(c => c.OnDelete, (Action<TaskItem>)(t => deleted = t)));

        card.Find(".tb-complete input").Change(true);
        card.Find(".tb-card-title").Click();
        card.Find(".tb-delete").Click();

        Assert.Equal((task, true), toggled);
        Assert.Same(task, edited);
        Assert.Same(task, deleted);
    }

    [Theory]
    [InlineData("UTC", 2026, 5, 1, 23, 59, false)]
    [InlineData("UTC", 2026, 5, 2, 0, 0, true)]
    [InlineData("Pacific/Kiritimati", 2026, 5, 1, 9, 59, false)] // UTC+14: 23:59 on the 1st there
    [InlineData("Pacific/Kiritimati", 2026, 5, 1, 10, 0, true)]  // the 2nd has begun there
    [InlineData("Pacific/Pago_Pago", 2026, 5, 2, 10, 59, false)] // UTC-11: still the 1st there
    [InlineData("Pacific/Pago_Pago", 2026, 5, 2, 11, 0, true)]
    public void ATaskDueOnADayIsOverdueOnlyOnceThatDayHasEndedInTheReadersZone(string zone, int y, int m, int d, int h, int min, bool overdue)
    {
        var due = new TaskItem { Id = Guid.CreateVersion7(), Title = "Pay rent", DueAt = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), DueIsDate = true };

        var card = Render<TaskCard>(p => p.Add(c => c.Card, due)
            .Add(c => c.Now, new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc)).Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById(zone)));

        Assert.Equal(overdue, card.FindAll(".tb-overdue").Count == 1);
        Assert.Contains("1 May 2026", card.Find(".tb-due").TextContent);
        if (overdue)
        {
            // Said in words and with an icon, not by colour alone.
            Assert.StartsWith("Overdue", card.Find(".tb-due").TextContent.Trim());
            Assert.NotEmpty(card.FindAll(".tb-due svg"));
        }
    }

    [Fact]
    public void ADueTimeShowsInTheReadersZone()
    {
        var card = Render<TaskCard>(p => p.Add(c => c.Card, Item("Call", dueAt: new DateTime(2026, 5, 3, 22, 30, 0, DateTimeKind.Utc)))
            .Add(c => c.Now, Now).Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")));

        Assert.Contains("4 May 2026 07:30", card.Find(".tb-due").TextContent);
    }

    [Fact]
    public void TheMoveMenuAndShiftArrowsAskTheBoardToMoveTheCard()
    {
        var task = Item("Fix the bike");
        var moves = new List<(TaskItem, CardMove)>();
        (TaskItem, TaskItemStatus)? movedTo = null;
        var popovers = Render<MudBlazor.MudPopoverProvider>(); // where the menu opens
        var card = Render<TaskCard>(p => p.Add(c => c.Card, task).Add(c => c.Now, Now).Add(c => c.ManualOrder, true)
            .Add(c => c.Columns, [.. Board.Columns])
            .Add(c => c.OnMove, (Action<(TaskItem, CardMove)>)moves.Add)
            .Add(c => c.OnMoveTo, (Action<(TaskItem, TaskItemStatus)>)(t => movedTo = t)));

        card.Find(".tb-card").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight", ShiftKey = true });
        card.Find(".tb-card").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowUp", ShiftKey = true });
        card.Find(".tb-card").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });
        card.Find(".tb-move button").Click();
        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll(".tb-move-to").Count));
        popovers.Find(".tb-move-to[data-column='Done']").Click();

        Assert.Equal([(task, CardMove.NextColumn), (task, CardMove.Up)], moves);
        Assert.Equal((task, TaskItemStatus.Done), movedTo);
        Assert.Equal("Move Fix the bike", card.Find(".tb-move button").GetAttribute("aria-label"));
    }

    [Fact]
    public void AnEmptyColumnUnderAFilterSaysNothingMatches()
    {
        var column = Render<BoardColumn>(p => p.Add(c => c.Status, TaskItemStatus.Done).Add(c => c.Count, 0).Add(c => c.Filtered, true));

        Assert.Equal("No tasks match these filters.", column.Find(".tb-empty").TextContent.Trim());
    }

    [Fact]
    public void AnEmptyColumnSaysSoAndQuickAddSendsTheTitleForItsStatus()
    {
        (TaskItemStatus Status, string Title)? added = null;
        var column = Render<BoardColumn>(p => p
            .Add(c => c.Status, TaskItemStatus.InProgress)
            .Add(c => c.Count, 0)
            .Add(c => c.OnQuickAdd, (Func<(TaskItemStatus Status, string Title), Task<bool>>)(a =>
            {
                added = a;
                return Task.FromResult(true);
            })));

        Assert.Contains("No tasks here", column.Find(".tb-empty").TextContent);
        var input = column.Find("#tb-quick-add-in_progress");
        input.Input("   ");
        input.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Null(added);

        column.Find("#tb-quick-add-in_progress").Input("Ship it");
        column.Find("#tb-quick-add-in_progress").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal((TaskItemStatus.InProgress, "Ship it"), added);
    }

    [Fact]
    public void AColumnWithMoreCardsThanShownOffersTheNextPage()
    {
        TaskItemStatus? asked = null;
        var column = Render<BoardColumn>(p => p
            .Add(c => c.Status, TaskItemStatus.Done)
            .Add(c => c.Count, 120)
            .Add(c => c.Shown, 50)
            .Add(c => c.OnShowMore, (Action<TaskItemStatus>)(s => asked = s)));

        Assert.Equal("Show 50 more (50 of 120 shown)", column.Find(".tb-show-more").TextContent.Trim());
        column.Find(".tb-show-more").Click();
        Assert.Equal(TaskItemStatus.Done, asked);

        column.Render(p => p.Add(c => c.Shown, 120));
        Assert.Empty(column.FindAll(".tb-show-more"));
    }

    [Fact]
    public void AQuickAddThatWasNotSavedGivesTheTypedTitleBack()
    {
        var column = Render<BoardColumn>(p => p
            .Add(c => c.Status, TaskItemStatus.Todo)
            .Add(c => c.Count, 0)
            .Add(c => c.OnQuickAdd, (Func<(TaskItemStatus Status, string Title), Task<bool>>)(_ => Task.FromResult(false))));

        column.Find("#tb-quick-add-todo").Input("Not lost");
        column.Find("#tb-quick-add-todo").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal("Not lost", column.Find("#tb-quick-add-todo").GetAttribute("value"));
    }

    [Fact]
    public void AColumnWithCardsHasNoEmptyMessage()
    {
        var column = Render<BoardColumn>(p => p.Add(c => c.Status, TaskItemStatus.Done).Add(c => c.Count, 2));

        Assert.Empty(column.FindAll(".tb-empty"));
    }
}
