using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

public sealed class BoardLiveUpdatesTests
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly Guid board = Guid.NewGuid();
    private readonly Guid reader = Guid.NewGuid();

    private TaskChange Change(params Guid[] ids) => new(board, ids, reader);

    [Fact]
    public void TheEchoOfTheBoardsOwnWriteDoesNotReloadButAnotherTasksChangeDoes()
    {
        var live = new BoardLiveUpdates(clock, reader);
        var mine = Guid.NewGuid();
        live.Wrote(mine);

        Assert.False(live.ShouldReload(Change(mine)));
        Assert.True(live.ShouldReload(Change(mine, Guid.NewGuid())));
        Assert.True(live.ShouldReload(Change(Guid.NewGuid())));
    }

    [Fact]
    public void AnotherMembersChangeToATaskThisBoardJustWroteReloads()
    {
        var live = new BoardLiveUpdates(clock, reader);
        var mine = Guid.NewGuid();
        live.Wrote(mine);

        Assert.True(live.ShouldReload(new TaskChange(board, [mine], Guid.NewGuid())));
        Assert.True(live.ShouldReload(new TaskChange(board, [mine])));
    }

    [Fact]
    public void AnEchoArrivingAfterTheWindowReloads()
    {
        var live = new BoardLiveUpdates(clock, reader);
        var mine = Guid.NewGuid();
        live.Wrote(mine);

        clock.Now += BoardLiveUpdates.EchoWindow;

        Assert.True(live.ShouldReload(Change(mine)));
    }

    [Fact]
    public void OldWritesAreForgottenSoTheMemoryStaysSmall()
    {
        var live = new BoardLiveUpdates(clock, reader);
        for (var i = 0; i < 1000; i++)
        {
            live.Wrote(Guid.NewGuid());
            clock.Now += TimeSpan.FromSeconds(1);
        }

        Assert.InRange(live.Remembered, 1, (int)BoardLiveUpdates.EchoWindow.TotalSeconds);
    }

    [Fact]
    public void ADragHoldsReloadsOffUntilItEndsOrIsAbandoned()
    {
        var live = new BoardLiveUpdates(clock, reader);
        live.DragStarted();
        Assert.False(live.ShouldReload(Change(Guid.NewGuid())));

        live.DragEnded();
        Assert.True(live.ShouldReload(Change(Guid.NewGuid())));

        live.DragStarted();
        clock.Now += BoardLiveUpdates.DragHoldOff;
        Assert.True(live.ShouldReload(Change(Guid.NewGuid())));
    }
}
