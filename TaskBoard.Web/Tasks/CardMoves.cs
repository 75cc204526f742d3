using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>Where a keyboard or menu move sends a card.</summary>
public enum CardMove
{
    PreviousColumn,
    NextColumn,
    Up,
    Down,
    Top,
    Bottom,
}

/// <summary>
/// Moves without a mouse, worked out from what the board shows: the column ids in order and the cards
/// of each, top to bottom. The answer is the <see cref="TaskMove"/> to send (its neighbours are the
/// cards the card will sit between), or null when the card cannot go that way (the first column,
/// the top already, or reordering while the board is sorted by something else).
/// </summary>
public static class CardMoves
{
    public static TaskMove? For(
        IReadOnlyList<Guid> columns, IReadOnlyList<TaskItem> shown, TaskItem card, CardMove move, bool manualOrder)
    {
        var columnIndex = columns.ToList().IndexOf(card.ColumnId);
        var column = shown.Where(t => t.ColumnId == card.ColumnId).ToList();
        var index = column.FindIndex(t => t.Id == card.Id);
        switch (move)
        {
            case CardMove.PreviousColumn or CardMove.NextColumn:
                var target = columnIndex + (move == CardMove.PreviousColumn ? -1 : 1);
                return target < 0 || target >= columns.Count ? null : To(columns[target], shown, manualOrder);
            case CardMove.Up when manualOrder && index > 0:
                return new TaskMove(card.ColumnId, index > 1 ? column[index - 2].Id : null, column[index - 1].Id);
            case CardMove.Down when manualOrder && index >= 0 && index < column.Count - 1:
                return new TaskMove(card.ColumnId, column[index + 1].Id, index + 2 < column.Count ? column[index + 2].Id : null);
            case CardMove.Top when manualOrder && index > 0:
                return new TaskMove(card.ColumnId, null, column[0].Id);
            case CardMove.Bottom when manualOrder && index >= 0 && index < column.Count - 1:
                return new TaskMove(card.ColumnId);
            default:
                return null;
        }
    }

    /// <summary>Into another column: at its top, where it is seen (at the bottom when the board is sorted by something else).</summary>
    public static TaskMove To(Guid column, IReadOnlyList<TaskItem> shown, bool manualOrder) =>
        manualOrder && shown.FirstOrDefault(t => t.ColumnId == column) is { } first
            ? new TaskMove(column, null, first.Id)
            : new TaskMove(column);

    /// <summary>The card's place in its column after a move, as a person hears it: "2 of 5".</summary>
    public static string Place(IReadOnlyList<TaskItem> shown, TaskItem card, int columnCount)
    {
        var index = shown.Where(t => t.ColumnId == card.ColumnId).ToList().FindIndex(t => t.Id == card.Id);
        return $"{index + 1} of {columnCount}";
    }
}
