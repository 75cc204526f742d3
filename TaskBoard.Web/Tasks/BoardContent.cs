using TaskBoard.Data.Boards;
using TaskBoard.Data.Sharing;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>
/// What a board shows and the arithmetic of its cards: the board and its columns in order, its members and
/// the reader's role, the cards loaded per column (a first page, more with "Show more") and how many match in
/// each. The board component renders this and handles people; loading and working out moves live here.
/// </summary>
public sealed class BoardContent(TaskService tasks, BoardService boards, MemberService members)
{
    /// <summary>How many more cards each "Show more" adds, and the most a column shows at first: a big board renders only these.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Cards a column shows at first: a page, but on a board of many columns fewer each (still more than a
    /// screen's height), so the whole board starts with about 160 cards however many columns it has.
    /// </summary>
    public static int FirstPage(int columnCount) => Math.Clamp(160 / Math.Max(1, columnCount), 8, PageSize);

    private readonly Dictionary<Guid, int> shown = [];
    private int firstPage = PageSize;

    /// <summary>What a load came to.</summary>
    public enum LoadOutcome
    {
        Loaded,

        /// <summary>No board this user reaches has that id.</summary>
        Missing,

        /// <summary>A query was refused (a bad filter); the cards shown stay as they were.</summary>
        Refused,
    }

    public Board? Board { get; private set; }

    public IReadOnlyList<BoardColumn> Columns { get; private set; } = [];

    /// <summary>The user's boards in use (this one among them) and the archived ones, for the switcher.</summary>
    public IReadOnlyList<Board> InUse { get; private set; } = [];

    public IReadOnlyList<Board> Archived { get; private set; } = [];

    /// <summary>The user's other boards in use where they may add cards, where a card can be moved to.</summary>
    public IReadOnlyList<Board> OtherBoards => [.. InUse.Where(b => b.Id != Board?.Id && b.Role >= BoardRole.Editor)];

    /// <summary>Everyone on the board, the owner first.</summary>
    public IReadOnlyList<MemberEntry> Members { get; private set; } = [];

    /// <summary>Whether the reader may change the board's cards and columns (an editor or the owner), not only read them.</summary>
    public bool CanEdit => Board?.Role >= BoardRole.Editor;

    /// <summary>The cards shown, column by column in board order. One list, updated in place: a drop container can keep this reference.</summary>
    public List<TaskItem> Items { get; } = [];

    /// <summary>How many cards match in each column (the filters applied, not the paging).</summary>
    public IReadOnlyDictionary<Guid, int> Counts { get; private set; } = new Dictionary<Guid, int>();

    /// <summary>How many cards the column shows (grows with "Show more").</summary>
    public int Shown(Guid columnId) => shown.GetValueOrDefault(columnId, firstPage);

    /// <summary>One more card in view, for one that moves in and should stay seen.</summary>
    public void ShowOneMore(Guid columnId) => shown[columnId] = Shown(columnId) + 1;

    public void ShowMore(Guid columnId) => shown[columnId] = Shown(columnId) + PageSize;

    public string ColumnName(Guid columnId) => Columns.FirstOrDefault(c => c.Id == columnId)?.Name ?? "another column";

    /// <summary>Forgets everything, for another board.</summary>
    public void Clear()
    {
        shown.Clear();
        Items.Clear();
        Counts = new Dictionary<Guid, int>();
        Board = null;
        Columns = [];
        Members = [];
        InUse = [];
        Archived = [];
    }

    /// <summary>Starts from what a prerendered page showed.</summary>
    public void Restore(Board board, IReadOnlyList<BoardColumn> columns, IReadOnlyList<MemberEntry> people, IEnumerable<TaskItem> items, IReadOnlyDictionary<Guid, int> counts)
    {
        Board = board;
        Columns = columns;
        Members = people;
        firstPage = FirstPage(columns.Count);
        Items.Clear();
        Items.AddRange(items);
        Counts = counts;
    }

    /// <summary>
    /// Reads the board, the shown cards of every column and the counts. Only a complete read replaces
    /// what is shown; an unreachable database throws (the caller keeps the cards and says so).
    /// </summary>
    public async Task<(LoadOutcome Outcome, string? Refusal)> LoadAsync(Guid userId, Guid boardId, BoardFilter filter, CancellationToken cancellationToken)
    {
        var board = await boards.GetAsync(userId, boardId, cancellationToken);
        if (board is null)
        {
            Clear();
            return (LoadOutcome.Missing, null);
        }

        firstPage = FirstPage(board.Columns.Count);
        var loaded = new List<TaskItem>();
        foreach (var column in board.Columns)
        {
            var wanted = Shown(column.Id);
            string? cursor = null;
            do
            {
                var page = await tasks.ListAsync(userId, filter.For(boardId, column.Id) with { Limit = Math.Min(wanted, TaskQuery.MaxLimit), Cursor = cursor }, cancellationToken);
                if (!page.IsOk)
                {
                    return (LoadOutcome.Refused, page.Errors.Values.First()[0]);
                }

                loaded.AddRange(page.Value.Items);
                wanted -= page.Value.Items.Count;
                cursor = page.Value.NextCursor;
            }
            while (wanted > 0 && cursor is not null);
        }

        Counts = await tasks.CountByColumnAsync(userId, filter.AllColumns(boardId), cancellationToken);
        Members = await members.ListAsync(userId, boardId, cancellationToken) ?? [];
        InUse = (await boards.ListAsync(userId, new BoardQuery { Limit = BoardQuery.MaxLimit }, cancellationToken)).Value?.Items ?? [];
        Archived = (await boards.ListAsync(userId, new BoardQuery { Archived = true, Limit = BoardQuery.MaxLimit }, cancellationToken)).Value?.Items ?? [];
        Board = board;
        Columns = board.Columns;
        Items.Clear();
        Items.AddRange(loaded);
        return (LoadOutcome.Loaded, null);
    }

    /// <summary>A new card goes to the bottom; when the bottom of its column is not shown it belongs at the top instead, where it is seen (or null: leave it).</summary>
    public TaskMove? ToTopIfBottomHidden(Guid columnId, Guid newId, bool manualOrder) =>
        manualOrder && Counts.GetValueOrDefault(columnId) > Shown(columnId) && Items.FirstOrDefault(t => t.ColumnId == columnId && t.Id != newId) is { } first
            ? new TaskMove(columnId, null, first.Id)
            : null;

    /// <summary>The move a drop asks for: between the cards it landed between (in board order), else to the column's bottom.</summary>
    public TaskMove Dropped(TaskItem card, Guid columnId, int indexInZone, bool manualOrder)
    {
        if (!manualOrder)
        {
            return new TaskMove(columnId);
        }

        var column = Items.Where(t => t.ColumnId == columnId && t.Id != card.Id).ToList();
        var index = Math.Clamp(indexInZone, 0, column.Count);
        return new TaskMove(columnId, index > 0 ? column[index - 1].Id : null, index < column.Count ? column[index].Id : null);
    }

    /// <summary>Shows the card where a move puts it, before the server has confirmed it (a reload then confirms it or puts it back).</summary>
    public void ShowMoved(TaskItem card, TaskMove move)
    {
        Items.Remove(card);
        var anchor = move.AfterId is { } after ? Items.FindIndex(t => t.Id == after)
            : move.BeforeId is { } before ? Items.FindIndex(t => t.Id == before) + 1
            : -1;
        card.ColumnId = move.ColumnId;
        Items.Insert(anchor >= 0 ? anchor : Items.Count, card);
    }

    /// <summary>Where focus goes when a card is deleted: the next card of its column, else the one above, else none.</summary>
    public TaskItem? NeighbourOf(TaskItem card)
    {
        var column = Items.Where(t => t.ColumnId == card.ColumnId).ToList();
        var index = column.FindIndex(t => t.Id == card.Id);
        return index + 1 < column.Count ? column[index + 1] : index > 0 ? column[index - 1] : null;
    }
}
