using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

/// <summary>Many clients at once against real PostgreSQL: nothing lost, nothing doubled, no 5xx.</summary>
public sealed class ConcurrencyTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task AHundredClientsCreatingFiftyTasksEachLeaveExactlyFiveThousand()
    {
        var account = await app.SignUpAsync();
        var statuses = new List<HttpStatusCode>();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(async client =>
        {
            using var http = app.Client(account.Token);
            for (var i = 0; i < 50; i++)
            {
                using var response = await http.PostAsJsonAsync("/api/tasks", new { title = $"client {client} task {i}" });
                lock (statuses)
                {
                    statuses.Add(response.StatusCode);
                }
            }
        }));

        Assert.True(statuses.All(s => s == HttpStatusCode.Created),
            string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Count()}× {(int)g.Key}")) + "\n" +
            string.Join("\n", app.Log.Text.Split('\n').Where(l => l.StartsWith("Warning Database", StringComparison.Ordinal)).Take(5)));
        Assert.Equal(5000, statuses.Count);
        using var reader = app.Client(account.Token);
        var board = await DefaultBoard.ReadAsync(reader);
        var tasks = await TaskPages.AllAsync(reader, $"columnId={board.Todo}");
        Assert.Equal(5000, tasks.Count);
        Assert.Equal(5000, tasks.Select(t => t.GetProperty("title").GetString()).Distinct().Count());
        Assert.Equal(5000, tasks.Select(t => t.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task ConcurrentPatchesWithOneIfMatchGiveExactlyOneSuccess()
    {
        var account = await app.SignUpAsync();
        using var setup = app.Client(account.Token);
        var created = await setup.PostAsJsonAsync("/api/tasks", new { title = "Contested" });
        var etag = created.Headers.ETag!.ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var http = app.Client(account.Token);
            using var request = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location)
            {
                Content = JsonContent.Create(new { title = $"Writer {i}" }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            var response = await http.SendAsync(request);
            return (response.StatusCode, Code: await Problems.CodeAsync(response));
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK),
            r => Assert.Equal((HttpStatusCode.PreconditionFailed, "precondition_failed"), (r.StatusCode, r.Code)));
        var stored = await setup.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
    }

    /// <summary>The owner of a board and an editor of it, five workers each, moving cards of one column at once.</summary>
    [Fact]
    public async Task ConcurrentMovesInOneColumnByTwoPeopleLeaveEveryTaskExactlyOnceInOneOrder()
    {
        var account = await app.SignUpAsync();
        var editor = await app.SignUpAsync();
        await BoardSharing.ConfirmEmailsAsync(app, editor);
        using var setup = app.Client(account.Token);
        var board = await DefaultBoard.ReadAsync(setup);
        await BoardSharing.JoinAsync(app, setup, board.Id, editor, "editor");
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var response = await setup.PostAsJsonAsync("/api/tasks", new { title = $"Task {i}" });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var failures = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async worker =>
        {
            using var http = app.Client(worker % 2 == 0 ? account.Token : editor.Token);
            var random = new Random(worker);
            for (var move = 0; move < 20; move++)
            {
                // Each worker moves from its own (often stale) view of the column, as real clients do.
                var column = (await TaskPages.AllAsync(http, $"columnId={board.Todo}")).Select(t => t.GetProperty("id").GetString()!).ToList();
                var id = column[random.Next(column.Count)];
                column.Remove(id);
                var index = random.Next(column.Count + 1);
                using var response = await http.PostAsJsonAsync($"/api/tasks/{id}/move", new
                {
                    columnId = board.Todo,
                    beforeId = index > 0 ? column[index - 1] : null,
                    afterId = index < column.Count ? column[index] : null,
                });
                if (response.StatusCode is not HttpStatusCode.OK and not HttpStatusCode.BadRequest)
                {
                    var failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    lock (failures)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }));

        Assert.Empty(failures);
        var final = await TaskPages.AllAsync(setup, $"columnId={board.Todo}");
        Assert.Equal(ids.Order(), final.Select(t => t.GetProperty("id").GetString()!).Order());
        // One order, not a tie-break: the stored positions are distinct and list in the order the API answers.
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        var stored = await db.Tasks.Where(t => t.CreatedBy == account.UserId).OrderBy(t => t.Position).Select(t => new { t.Id, t.Position }).ToListAsync();
        Assert.Equal(stored.Count, stored.Select(t => t.Position).Distinct().Count());
        Assert.Equal(stored.Select(t => t.Id.ToString()), final.Select(t => t.GetProperty("id").GetString()));
    }

    /// <summary>Moves to the bottom of a column (the usual drop on another column) by two people at once: each lands once, below the rest.</summary>
    [Fact]
    public async Task ConcurrentMovesToTheBottomOfColumnsByTwoPeopleGiveDistinctPlacesAndAHistoryEntryEach()
    {
        var account = await app.SignUpAsync();
        var editor = await app.SignUpAsync();
        await BoardSharing.ConfirmEmailsAsync(app, editor);
        using var setup = app.Client(account.Token);
        var board = await DefaultBoard.ReadAsync(setup);
        await BoardSharing.JoinAsync(app, setup, board.Id, editor, "editor");
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var response = await setup.PostAsJsonAsync("/api/tasks", new { title = $"Task {i}" });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var columns = new[] { board.Todo, board.Doing, board.Done };
        var failures = new List<string>();
        var moves = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            using var http = app.Client(worker % 2 == 0 ? account.Token : editor.Token);
            var random = new Random(worker);
            for (var move = 0; move < 15; move++)
            {
                using var response = await http.PostAsJsonAsync($"/api/tasks/{ids[random.Next(ids.Count)]}/move", new { columnId = columns[random.Next(columns.Length)] });
                var failure = response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                lock (failures)
                {
                    moves++;
                    if (failure is not null)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }));

        Assert.Empty(failures);
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        var stored = await db.Tasks.Where(t => t.BoardId == board.Id).ToListAsync();
        Assert.Equal(ids.Order(), stored.Select(t => t.Id).Order());
        Assert.All(stored.GroupBy(t => t.ColumnId), column => Assert.Equal(column.Count(), column.Select(t => t.Position).Distinct().Count()));
        Assert.All(stored, t => Assert.Equal(t.ColumnId == board.Done, t.Completed));
        // Every move wrote its version; a move into another column also wrote where it went.
        Assert.Equal(moves, stored.Sum(t => t.Version - 1));
        var moved = await db.TaskActivities.CountAsync(a => ids.Contains(a.TaskId) && a.Kind == TaskBoard.Data.Tasks.ActivityKind.Moved);
        Assert.InRange(moved, 1, moves);
    }
}
