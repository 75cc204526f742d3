using Microsoft.Extensions.Logging.Abstractions;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Tasks;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

public sealed class BoardWatchTests
{
    private readonly TaskChangeFeed feed = new(NullLogger<TaskChangeFeed>.Instance, new NoOtherInstances());

    [Fact]
    public async Task AnOpenBoardHearsTheBoardItShowsAndItsReaderButNotTheBoardItShowedBefore()
    {
        var (first, second, reader) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var heard = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        var arrived = new SemaphoreSlim(0);
        using var watch = new BoardWatch(feed, change =>
        {
            heard.Enqueue(change.Topic);
            arrived.Release();
            return Task.CompletedTask;
        });
        watch.Person(reader);
        watch.Board(first);
        watch.Board(second);

        feed.Publish(first, [Guid.NewGuid()], Guid.NewGuid());
        feed.Publish(second, [Guid.NewGuid()], Guid.NewGuid());
        feed.PublishToUser(reader);

        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(10)) && await arrived.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new[] { reader, second }.Order(), heard.Order());
        Assert.Equal(second, watch.BoardId);
    }
}
