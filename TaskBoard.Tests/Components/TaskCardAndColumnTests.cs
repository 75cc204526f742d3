using Bunit;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

public sealed class TaskCardAndColumnTests : MudContext
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TaskItem Task(string title, TaskItemStatus status = TaskItemStatus.Todo, DateTime? dueAt = null, params string[] tags) => new()
    {
        Id = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), Title = title, Status = status, DueAt = dueAt, Tags = [.. tags],
        Priority = TaskPriority.High, Version = 1,
    };

    [Fact]
    public void ACardShowsItsTitleAsTextWithItsPriorityDueDateAndTags()
    {
        var card = Render<TaskCard>(p => p
            .Add(c => c.Task, Task("<b>bold</b> & <script>x</script>", dueAt: Now.AddDays(3), tags: ["work", "q1"]))
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
        var card = Render<TaskCard>(p => p.Add(c => c.Task, Task("Due", status, Now.AddHours(hoursFromNow))).Add(c => c.Now, Now));

        Assert.Equal(overdue, card.FindAll(".tb-overdue").Count == 1);
    }

    [Fact]
    public void ACardReportsCompleteEditAndDelete()
    {
        var task = Task("Act on me");
        (TaskItem, bool)? toggled = null;
        TaskItem? edited = null, deleted = null;
        var card = Render<TaskCard>(p => p
            .Add(c => c.Task, task).Add(c => c.Now, Now)
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

    [Fact]
    public void AnEmptyColumnSaysSoAndQuickAddSendsTheTitleForItsStatus()
    {
        (TaskItemStatus Status, string Title)? added = null;
        var column = Render<BoardColumn>(p => p
            .Add(c => c.Status, TaskItemStatus.InProgress)
            .Add(c => c.Count, 0)
            .Add(c => c.OnQuickAdd, (Func<(TaskItemStatus Status, string Title), System.Threading.Tasks.Task<bool>>)(a =>
            {
                added = a;
                return System.Threading.Tasks.Task.FromResult(true);
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
            .Add(c => c.OnQuickAdd, (Func<(TaskItemStatus Status, string Title), System.Threading.Tasks.Task<bool>>)(_ => System.Threading.Tasks.Task.FromResult(false))));

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
