using TaskBoard.Data.Changes;

namespace TaskBoard.Tests.Changes;

public sealed class ChangeMessageTests
{
    [Fact]
    public void BoardPersonAndSessionMessagesSurviveTheTripThroughNotify()
    {
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var board = new ChangeMessage(ChangeMessage.Board, Guid.NewGuid(), Guid.NewGuid(), ids, 1_764_000_000_123, Guid.NewGuid());
        var person = new ChangeMessage(ChangeMessage.User, Guid.NewGuid(), Guid.NewGuid(), [], 1_764_000_000_234);
        var sessions = new ChangeMessage(ChangeMessage.Sessions, Guid.NewGuid(), Guid.NewGuid(), [], 1_764_000_000_456);

        var decodedBoard = ChangeMessage.Decode(board.Encode());
        var decodedPerson = ChangeMessage.Decode(person.Encode());
        var decodedSessions = ChangeMessage.Decode(sessions.Encode());

        Assert.Equal((board.Kind, board.Origin, board.Topic), (decodedBoard!.Kind, decodedBoard.Origin, decodedBoard.Topic));
        Assert.Equal(ids, decodedBoard.TaskIds);
        Assert.Equal(board.Actor, decodedBoard.Actor);
        Assert.Equal((person.Kind, person.Origin, person.Topic), (decodedPerson!.Kind, decodedPerson.Origin, decodedPerson.Topic));
        Assert.Empty(decodedPerson.TaskIds);
        Assert.Equal((sessions.Kind, sessions.Origin, sessions.Topic), (decodedSessions!.Kind, decodedSessions.Origin, decodedSessions.Topic));
        Assert.Equal((1_764_000_000_123L, 1_764_000_000_234L, 1_764_000_000_456L), (decodedBoard.SentAtMs, decodedPerson.SentAtMs, decodedSessions.SentAtMs));
    }

    [Fact]
    public void AMessageWithoutItsSendingTimeStillDecodesAndAPerPersonTaskMessageOfEarlierVersionsIsIgnored()
    {
        var user = Guid.NewGuid();
        var id = Guid.CreateVersion7();

        var board = ChangeMessage.Decode($"b|{Guid.NewGuid():N}|{user:N}|{id:N}");
        var session = ChangeMessage.Decode($"s|{Guid.NewGuid():N}|{user:N}");

        Assert.Equal([id], board!.TaskIds);
        Assert.Equal(((long?)null, (Guid?)null), (board.SentAtMs, board.Actor));
        Assert.Equal(('s', user, (long?)null), (session!.Kind, session.Topic, session.SentAtMs));
        Assert.Null(ChangeMessage.Decode($"t|{Guid.NewGuid():N}|{user:N}|{id:N}|1764000000123"));
    }

    [Fact]
    public void AChangeToManyTasksTravelsWithoutIdsAndStaysUnderPostgresPayloadLimit()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.CreateVersion7()).ToList();
        var payload = new ChangeMessage(ChangeMessage.Board, Guid.NewGuid(), Guid.NewGuid(), ids).Encode();

        Assert.True(payload.Length < 8000);
        Assert.Empty(ChangeMessage.Decode(payload)!.TaskIds);
        var atLimit = new ChangeMessage(ChangeMessage.Board, Guid.NewGuid(), Guid.NewGuid(), ids.Take(ChangeMessage.MaxIds).ToList()).Encode();
        Assert.True(atLimit.Length < 8000);
    }

    [Fact]
    public void MessagesSentTogetherShareNotificationsUnderThePayloadLimitAndComeOutInOrder()
    {
        var messages = Enumerable.Range(0, 300).Select(i => i % 3 == 0
            ? new ChangeMessage(ChangeMessage.User, Guid.NewGuid(), Guid.NewGuid(), [], i)
            : new ChangeMessage(ChangeMessage.Board, Guid.NewGuid(), Guid.NewGuid(), [.. Enumerable.Range(0, i % 7).Select(_ => Guid.CreateVersion7())], i, Guid.NewGuid())).ToList();

        var payloads = ChangeMessage.Pack(messages).ToList();

        Assert.InRange(payloads.Count, 2, 20);
        Assert.All(payloads, p => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(p), 1, ChangeMessage.MaxPayload));
        var decoded = payloads.SelectMany(ChangeMessage.DecodeAll).ToList();
        Assert.Equal(messages.Select(m => (m.Kind, m.Topic, m.SentAtMs, m.Actor, string.Join(",", m.TaskIds))),
            decoded.Select(m => (m.Kind, m.Topic, m.SentAtMs, m.Actor, string.Join(",", m.TaskIds))));
        Assert.Equal([messages[0].Topic], ChangeMessage.DecodeAll($"{messages[0].Encode()}\nnot a message").Select(m => m.Topic));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x|y|z")]
    [InlineData("b|not-a-guid|00000000000000000000000000000000")]
    [InlineData("q|00000000000000000000000000000000|00000000000000000000000000000000")]
    public void ForeignOrBrokenPayloadsAreIgnored(string payload) => Assert.Null(ChangeMessage.Decode(payload));
}
