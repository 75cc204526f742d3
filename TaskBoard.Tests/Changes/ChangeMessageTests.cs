using TaskBoard.Data.Changes;

namespace TaskBoard.Tests.Changes;

public sealed class ChangeMessageTests
{
    [Fact]
    public void TaskAndSessionMessagesSurviveTheTripThroughNotify()
    {
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var tasks = new ChangeMessage('t', Guid.NewGuid(), Guid.NewGuid(), ids, 1_764_000_000_123);
        var sessions = new ChangeMessage('s', Guid.NewGuid(), Guid.NewGuid(), [], 1_764_000_000_456);

        var decodedTasks = ChangeMessage.Decode(tasks.Encode());
        var decodedSessions = ChangeMessage.Decode(sessions.Encode());

        Assert.Equal((tasks.Kind, tasks.Origin, tasks.UserId), (decodedTasks!.Kind, decodedTasks.Origin, decodedTasks.UserId));
        Assert.Equal(ids, decodedTasks.TaskIds);
        Assert.Equal((sessions.Kind, sessions.Origin, sessions.UserId), (decodedSessions!.Kind, decodedSessions.Origin, decodedSessions.UserId));
        Assert.Equal((1_764_000_000_123L, 1_764_000_000_456L), (decodedTasks.SentAtMs, decodedSessions.SentAtMs));
    }

    [Fact]
    public void AMessageFromAnInstanceOfThePreviousVersionStillDecodes()
    {
        var user = Guid.NewGuid();
        var id = Guid.CreateVersion7();

        var task = ChangeMessage.Decode($"t|{Guid.NewGuid():N}|{user:N}|{id:N}");
        var session = ChangeMessage.Decode($"s|{Guid.NewGuid():N}|{user:N}");

        Assert.Equal([id], task!.TaskIds);
        Assert.Null(task.SentAtMs);
        Assert.Equal(('s', user, (long?)null), (session!.Kind, session.UserId, session.SentAtMs));
    }

    [Fact]
    public void AChangeToManyTasksTravelsWithoutIdsAndStaysUnderPostgresPayloadLimit()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.CreateVersion7()).ToList();
        var payload = new ChangeMessage('t', Guid.NewGuid(), Guid.NewGuid(), ids).Encode();

        Assert.True(payload.Length < 8000);
        Assert.Empty(ChangeMessage.Decode(payload)!.TaskIds);
        var atLimit = new ChangeMessage('t', Guid.NewGuid(), Guid.NewGuid(), ids.Take(ChangeMessage.MaxIds).ToList()).Encode();
        Assert.True(atLimit.Length < 8000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x|y|z")]
    [InlineData("t|not-a-guid|00000000000000000000000000000000")]
    [InlineData("q|00000000000000000000000000000000|00000000000000000000000000000000")]
    public void ForeignOrBrokenPayloadsAreIgnored(string payload) => Assert.Null(ChangeMessage.Decode(payload));
}
