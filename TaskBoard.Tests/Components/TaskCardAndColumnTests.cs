using Bunit;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

public sealed class TaskCardAndColumnTests : MudContext
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Guid BoardId = Guid.CreateVersion7();

    private static BoardColumn Lane(string name, int position, bool isDone = false, int? wipLimit = null) =>
        new() { Id = Guid.CreateVersion7(), BoardId = BoardId, Name = name, Position = position, IsDone = isDone, WipLimit = wipLimit, Version = 1 };

    private static readonly BoardColumn Todo = Lane("To do", 0);
    private static readonly BoardColumn Doing = Lane("In progress", 1);
    private static readonly BoardColumn Done = Lane("Done", 2, isDone: true);

    private static TaskItem Item(string title, bool completed = false, DateTime? dueAt = null, params string[] tags) => new()
    {
        Id = Guid.CreateVersion7(), CreatedBy = Guid.CreateVersion7(), Title = title, BoardId = BoardId, ColumnId = completed ? Done.Id : Todo.Id,
        CompletedAt = completed ? Now : null, DueAt = dueAt, Tags = [.. tags], Priority = TaskPriority.High, Version = 1,
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
    [InlineData(false, -1, true)]
    [InlineData(false, -24, true)]
    [InlineData(true, -24, false)]
    [InlineData(false, 1, false)]
    public void OnlyUnfinishedTasksPastTheirDueTimeAreHighlightedAsOverdue(bool completed, int hoursFromNow, bool overdue)
    {
        var card = Render<TaskCard>(p => p.Add(c => c.Card, Item("Due", completed, Now.AddHours(hoursFromNow))).Add(c => c.Now, Now));

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
        (TaskItem, Guid)? movedTo = null;
        var popovers = Render<MudBlazor.MudPopoverProvider>(); // where the menu opens
        var card = Render<TaskCard>(p => p.Add(c => c.Card, task).Add(c => c.Now, Now).Add(c => c.ManualOrder, true)
            .Add(c => c.Columns, [Todo, Doing, Done])
            .Add(c => c.OnMove, (Action<(TaskItem, CardMove)>)moves.Add)
            .Add(c => c.OnMoveTo, (Action<(TaskItem, Guid)>)(t => movedTo = t)));

        card.Find(".tb-card").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight", ShiftKey = true });
        card.Find(".tb-card").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowUp", ShiftKey = true });
        card.Find(".tb-card").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });
        card.Find(".tb-move button").Click();
        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll(".tb-move-to").Count));
        popovers.Find(".tb-move-to[data-column-name='Done']").Click();

        Assert.Equal([(task, CardMove.NextColumn), (task, CardMove.Up)], moves);
        Assert.Equal((task, Done.Id), movedTo);
        Assert.Equal("Move Fix the bike", card.Find(".tb-move button").GetAttribute("aria-label"));
    }

    [Fact]
    public void TheMoveMenuOffersTheOtherBoards()
    {
        var task = Item("Pack the tent");
        (TaskItem, Guid)? movedTo = null;
        var elsewhere = new Board { Id = Guid.CreateVersion7(), Name = "Holiday" };
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var card = Render<TaskCard>(p => p.Add(c => c.Card, task).Add(c => c.Now, Now)
            .Add(c => c.Columns, [Todo, Doing, Done])
            .Add(c => c.OtherBoards, [elsewhere])
            .Add(c => c.OnMoveToBoard, (Action<(TaskItem, Guid)>)(t => movedTo = t)));

        card.Find(".tb-move button").Click();
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll(".tb-move-to-board")));
        Assert.Equal("To the board “Holiday”", popovers.Find(".tb-move-to-board").TextContent.Trim());
        popovers.Find(".tb-move-to-board").Click();

        Assert.Equal((task, elsewhere.Id), movedTo);
    }

    [Fact]
    public void AnEmptyColumnUnderAFilterSaysNothingMatches()
    {
        var column = Render<ColumnPanel>(p => p.Add(c => c.Lane, Done).Add(c => c.Count, 0).Add(c => c.Filtered, true));

        Assert.Equal("No tasks match these filters.", column.Find(".tb-empty").TextContent.Trim());
    }

    [Fact]
    public void AnEmptyColumnSaysSoAndQuickAddSendsTheTitleForItsColumn()
    {
        (Guid ColumnId, string Title)? added = null;
        var column = Render<ColumnPanel>(p => p
            .Add(c => c.Lane, Doing)
            .Add(c => c.Count, 0)
            .Add(c => c.OnQuickAdd, (Func<(Guid ColumnId, string Title), Task<bool>>)(a =>
            {
                added = a;
                return Task.FromResult(true);
            })));

        Assert.Contains("No tasks here", column.Find(".tb-empty").TextContent);
        var input = column.Find($"#{ColumnPanel.QuickAddId(Doing.Id)}");
        input.Input("   ");
        input.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Null(added);

        column.Find($"#{ColumnPanel.QuickAddId(Doing.Id)}").Input("Ship it");
        column.Find($"#{ColumnPanel.QuickAddId(Doing.Id)}").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal((Doing.Id, "Ship it"), added);
    }

    [Fact]
    public void AColumnWithMoreCardsThanShownOffersTheNextPage()
    {
        Guid? asked = null;
        var column = Render<ColumnPanel>(p => p
            .Add(c => c.Lane, Done)
            .Add(c => c.Count, 120)
            .Add(c => c.Shown, 50)
            .Add(c => c.OnShowMore, (Action<Guid>)(s => asked = s)));

        Assert.Equal("Show 50 more (50 of 120 shown)", column.Find(".tb-show-more").TextContent.Trim());
        column.Find(".tb-show-more").Click();
        Assert.Equal(Done.Id, asked);

        column.Render(p => p.Add(c => c.Shown, 120));
        Assert.Empty(column.FindAll(".tb-show-more"));
    }

    [Fact]
    public void AQuickAddThatWasNotSavedGivesTheTypedTitleBack()
    {
        var column = Render<ColumnPanel>(p => p
            .Add(c => c.Lane, Todo)
            .Add(c => c.Count, 0)
            .Add(c => c.OnQuickAdd, (Func<(Guid ColumnId, string Title), Task<bool>>)(_ => Task.FromResult(false))));

        column.Find($"#{ColumnPanel.QuickAddId(Todo.Id)}").Input("Not lost");
        column.Find($"#{ColumnPanel.QuickAddId(Todo.Id)}").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal("Not lost", column.Find($"#{ColumnPanel.QuickAddId(Todo.Id)}").GetAttribute("value"));
    }

    [Fact]
    public void AColumnWithCardsHasNoEmptyMessage()
    {
        var column = Render<ColumnPanel>(p => p.Add(c => c.Lane, Done).Add(c => c.Count, 2));

        Assert.Empty(column.FindAll(".tb-empty"));
    }

    [Fact]
    public void AColumnOverItsWipLimitWarnsAndADoneColumnSaysItIsOne()
    {
        var limited = Lane("Doing", 1, wipLimit: 3);
        var column = Render<ColumnPanel>(p => p.Add(c => c.Lane, limited).Add(c => c.Count, 3));
        Assert.Equal("3 / 3", column.Find(".tb-count").TextContent.Trim());
        Assert.Empty(column.FindAll(".tb-wip-warning"));

        column.Render(p => p.Add(c => c.Count, 4));
        Assert.Equal("4 tasks, limit 3, over the limit", column.Find(".tb-count").GetAttribute("aria-label"));
        Assert.Contains("Over its limit of 3", column.Find(".tb-wip-warning").TextContent);

        // A filtered count says nothing about the work in the column.
        column.Render(p => p.Add(c => c.Filtered, true));
        Assert.Empty(column.FindAll(".tb-wip-warning"));

        var done = Render<ColumnPanel>(p => p.Add(c => c.Lane, Done).Add(c => c.Count, 0));
        Assert.NotNull(done.Find("[aria-label='Done column']"));
        Assert.Equal("Nothing finished yet.", done.Find(".tb-empty").TextContent.Trim());
    }
}
