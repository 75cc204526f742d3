using TaskBoard.Data.Tasks;
using TaskBoard.Web.Tasks;

namespace TaskBoard.Tests.Components;

public sealed class CardMovesTests
{
    private static readonly Guid Todo = Guid.CreateVersion7();
    private static readonly Guid Doing = Guid.CreateVersion7();
    private static readonly Guid Done = Guid.CreateVersion7();
    private static readonly Guid[] Columns = [Todo, Doing, Done];

    private static TaskItem Card(string title, Guid column) => new() { Id = Guid.CreateVersion7(), Title = title, ColumnId = column };

    private static readonly TaskItem A = Card("a", Todo);
    private static readonly TaskItem B = Card("b", Todo);
    private static readonly TaskItem C = Card("c", Todo);
    private static readonly TaskItem D = Card("d", Doing);
    private static readonly List<TaskItem> Shown = [A, B, C, D];

    [Fact]
    public void UpAndDownSwapWithTheNeighbourByNamingTheCardsAroundTheNewPlace()
    {
        Assert.Equal(new TaskMove(Todo, null, A.Id), CardMoves.For(Columns, Shown, B, CardMove.Up, manualOrder: true));
        Assert.Equal(new TaskMove(Todo, A.Id, B.Id), CardMoves.For(Columns, Shown, C, CardMove.Up, manualOrder: true));
        Assert.Equal(new TaskMove(Todo, B.Id, C.Id), CardMoves.For(Columns, Shown, A, CardMove.Down, manualOrder: true));
        Assert.Equal(new TaskMove(Todo, C.Id, null), CardMoves.For(Columns, Shown, B, CardMove.Down, manualOrder: true));
    }

    [Fact]
    public void NothingMovesPastTheEdges()
    {
        Assert.Null(CardMoves.For(Columns, Shown, A, CardMove.Up, manualOrder: true));
        Assert.Null(CardMoves.For(Columns, Shown, C, CardMove.Down, manualOrder: true));
        Assert.Null(CardMoves.For(Columns, Shown, A, CardMove.PreviousColumn, manualOrder: true));
        Assert.Null(CardMoves.For(Columns, Shown, A, CardMove.Top, manualOrder: true));
        Assert.Null(CardMoves.For(Columns, Shown, C, CardMove.Bottom, manualOrder: true));
    }

    [Fact]
    public void AnotherColumnTakesTheCardAtItsTopAndTopAndBottomStayInTheColumn()
    {
        Assert.Equal(new TaskMove(Doing, null, D.Id), CardMoves.For(Columns, Shown, A, CardMove.NextColumn, manualOrder: true));
        Assert.Equal(new TaskMove(Done), CardMoves.For(Columns, Shown, D, CardMove.NextColumn, manualOrder: true));
        Assert.Equal(new TaskMove(Todo, null, A.Id), CardMoves.For(Columns, Shown, C, CardMove.Top, manualOrder: true));
        Assert.Equal(new TaskMove(Todo), CardMoves.For(Columns, Shown, A, CardMove.Bottom, manualOrder: true));
    }

    [Fact]
    public void WhileSortedBySomethingElseCardsChangeColumnsButKeepTheirPlace()
    {
        Assert.Null(CardMoves.For(Columns, Shown, B, CardMove.Up, manualOrder: false));
        Assert.Equal(new TaskMove(Doing), CardMoves.For(Columns, Shown, B, CardMove.NextColumn, manualOrder: false));
    }

    [Fact]
    public void ThePlaceIsSaidAsPositionOfCount() => Assert.Equal("2 of 7", CardMoves.Place(Shown, B, 7));
}
