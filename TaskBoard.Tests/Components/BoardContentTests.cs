using Microsoft.Extensions.Logging.Abstractions;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Sharing;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

/// <summary>What the board shows and how its cards move, without a browser (SQLite).</summary>
public sealed class BoardContentTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly TaskChangeFeed Feed = new(NullLogger<TaskChangeFeed>.Instance, new NoOtherInstances());
    private readonly TaskService tasks = new(database.Factory, TimeProvider.System, Feed);
    private readonly BoardService boards = new(database.Factory, TimeProvider.System, Feed);
    private readonly MemberService members = new(database.Factory, TimeProvider.System, Feed);

    private async Task<(Guid User, Board Board, BoardContent Content)> BoardAsync(int columns, int cardsPerColumn)
    {
        var user = await database.CreateUserAsync();
        var board = (await boards.CreateAsync(user, new BoardDraft("Wide", [.. Enumerable.Range(0, columns).Select(i => new ColumnDraft($"C{i}"))]))).Value!;
        foreach (var column in board.Columns)
        {
            for (var i = 0; i < cardsPerColumn; i++)
            {
                await tasks.CreateAsync(user, new TaskDraft($"{column.Name}-{i}", ColumnId: column.Id));
            }
        }

        return (user, board, new BoardContent(tasks, boards, members));
    }

    [Theory]
    [InlineData(1, 50)]
    [InlineData(3, 50)]
    [InlineData(4, 40)]
    [InlineData(10, 16)]
    [InlineData(20, 8)]
    [InlineData(50, 8)]
    public void ABoardOfManyColumnsShowsFewerCardsInEachAtFirst(int columns, int firstPage) =>
        Assert.Equal(firstPage, BoardContent.FirstPage(columns));

    [Fact]
    public async Task ItLoadsTheFirstPageOfEveryColumnAndTheCountsAndShowsMoreOnRequest()
    {
        var (user, board, content) = await BoardAsync(columns: 20, cardsPerColumn: 10);

        var (outcome, refusal) = await content.LoadAsync(user, board.Id, new BoardFilter(), CancellationToken.None);

        Assert.Equal((BoardContent.LoadOutcome.Loaded, (string?)null), (outcome, refusal));
        Assert.Equal(20, content.Columns.Count);
        Assert.Contains(content.InUse, b => b.Id == board.Id);
        Assert.DoesNotContain(content.OtherBoards, b => b.Id == board.Id);
        Assert.Empty(content.Archived);
        Assert.All(content.Columns, c => Assert.Equal(8, content.Items.Count(t => t.ColumnId == c.Id)));
        Assert.All(content.Columns, c => Assert.Equal(10, content.Counts[c.Id]));
        Assert.Equal(["C0-0", "C0-1"], content.Items.Take(2).Select(t => t.Title));

        content.ShowMore(board.Columns[3].Id);
        await content.LoadAsync(user, board.Id, new BoardFilter(), CancellationToken.None);
        Assert.Equal(10, content.Items.Count(t => t.ColumnId == board.Columns[3].Id));

        var filtered = await content.LoadAsync(user, board.Id, new BoardFilter(Text: "C5-"), CancellationToken.None);
        Assert.Equal(BoardContent.LoadOutcome.Loaded, filtered.Outcome);
        Assert.Equal(["C5-0", "C5-1", "C5-2", "C5-3", "C5-4", "C5-5", "C5-6", "C5-7"], content.Items.Select(t => t.Title));
        Assert.Equal(10, content.Counts[board.Columns[5].Id]);
    }

    [Fact]
    public async Task ABoardNobodyLetsTheUserReachIsMissingAndARefusedFilterKeepsTheCards()
    {
        var (user, board, content) = await BoardAsync(columns: 2, cardsPerColumn: 1);
        var stranger = await database.CreateUserAsync();

        Assert.Equal(BoardContent.LoadOutcome.Missing, (await content.LoadAsync(stranger, board.Id, new BoardFilter(), CancellationToken.None)).Outcome);
        Assert.Null(content.Board);

        await content.LoadAsync(user, board.Id, new BoardFilter(), CancellationToken.None);
        var (outcome, refusal) = await content.LoadAsync(user, board.Id, new BoardFilter(Text: "nul\0"), CancellationToken.None);
        Assert.Equal(BoardContent.LoadOutcome.Refused, outcome);
        Assert.NotNull(refusal);
        Assert.Equal(2, content.Items.Count);
    }

    [Fact]
    public async Task ADropNamesTheCardsItLandedBetweenAndTheCardStandsThereAtOnce()
    {
        var (user, board, content) = await BoardAsync(columns: 2, cardsPerColumn: 3);
        await content.LoadAsync(user, board.Id, new BoardFilter(), CancellationToken.None);
        var (left, right) = (board.Columns[0].Id, board.Columns[1].Id);
        var moving = content.Items.First(t => t.Title == "C0-0");
        var target = content.Items.Where(t => t.ColumnId == right).ToList();

        var move = content.Dropped(moving, right, 1, manualOrder: true);
        Assert.Equal(new TaskMove(right, target[0].Id, target[1].Id), move);
        Assert.Equal(new TaskMove(right), content.Dropped(moving, right, 1, manualOrder: false));
        Assert.Equal(new TaskMove(right, target[2].Id, null), content.Dropped(moving, right, 99, manualOrder: true));

        content.ShowMoved(moving, move);
        Assert.Equal(["C1-0", "C0-0", "C1-1", "C1-2"], content.Items.Where(t => t.ColumnId == right).Select(t => t.Title));
        Assert.Equal(["C0-1", "C0-2"], content.Items.Where(t => t.ColumnId == left).Select(t => t.Title));

        Assert.Equal("C1-1", content.NeighbourOf(moving)?.Title);
        Assert.Equal("C1-1", content.NeighbourOf(content.Items.Single(t => t.Title == "C1-2"))?.Title);
        Assert.Equal("C0-1", content.NeighbourOf(content.Items.Single(t => t.Title == "C0-2"))?.Title);
        Assert.Equal(("C0", "another column"), (content.ColumnName(left), content.ColumnName(Guid.NewGuid())));
    }

    [Fact]
    public async Task ANewCardGoesToTheTopOnlyWhenTheBottomOfItsColumnIsNotShown()
    {
        var (user, board, content) = await BoardAsync(columns: 20, cardsPerColumn: 9);
        await content.LoadAsync(user, board.Id, new BoardFilter(), CancellationToken.None);
        var column = board.Columns[0].Id;
        var first = content.Items.First(t => t.ColumnId == column);

        Assert.Equal(new TaskMove(column, null, first.Id), content.ToTopIfBottomHidden(column, Guid.NewGuid(), manualOrder: true));
        Assert.Null(content.ToTopIfBottomHidden(column, Guid.NewGuid(), manualOrder: false));
        content.ShowMore(column);
        Assert.Null(content.ToTopIfBottomHidden(column, Guid.NewGuid(), manualOrder: true));
    }
}
