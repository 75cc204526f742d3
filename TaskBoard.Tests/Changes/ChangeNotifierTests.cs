using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TaskBoard.Data.Changes;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Changes;

/// <summary>The notifier against real PostgreSQL: a burst of changes arrives whole, in far fewer notifications than changes.</summary>
public sealed class ChangeNotifierTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task ABurstOfChangesArrivesWholeAndInOrderInAFewNotifications()
    {
        await using var listener = new NpgsqlConnection(database.ConnectionString);
        await listener.OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeMessage.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var notifier = new PostgresChangeNotifier(dataSource, new InstanceIdentity(), NullLogger<PostgresChangeNotifier>.Instance);
        var boards = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        foreach (var board in boards)
        {
            notifier.BoardChanged(board, [Guid.CreateVersion7()], Guid.NewGuid());
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (payloads.SelectMany(ChangeMessage.DecodeAll).Count() < boards.Count)
        {
            await listener.WaitAsync(timeout.Token);
        }

        Assert.Equal(boards, payloads.SelectMany(ChangeMessage.DecodeAll).Select(m => m.Topic));
        Assert.InRange(payloads.Count, 1, boards.Count / 10);
    }
}
