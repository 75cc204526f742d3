using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Boards;

/// <summary>A new column: its name, whether tasks in it are completed, and an optional WIP limit.</summary>
public sealed record ColumnDraft(string Name, bool IsDone = false, int? WipLimit = null);

/// <summary>A new board; without columns it starts with <see cref="BoardColumn.Defaults"/>.</summary>
public sealed record BoardDraft(string Name, IReadOnlyList<ColumnDraft>? Columns = null);

/// <summary>A partial update of a board: only the fields present change.</summary>
public sealed record BoardPatch
{
    public Optional<string> Name { get; init; }

    /// <summary>true archives the board, false restores it.</summary>
    public Optional<bool> Archived { get; init; }
}

/// <summary>A partial update of a column: only the fields present change.</summary>
public sealed record ColumnPatch
{
    public Optional<string> Name { get; init; }

    /// <summary>Marking a column done completes the tasks in it; unmarking reopens them.</summary>
    public Optional<bool> IsDone { get; init; }

    /// <summary>null removes the limit.</summary>
    public Optional<int?> WipLimit { get; init; }
}

/// <summary>Put a column between two others: <paramref name="BeforeId"/> to its left, <paramref name="AfterId"/> to its right; neither: last.</summary>
public sealed record ColumnMove(Guid? BeforeId = null, Guid? AfterId = null);

public sealed record BoardQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Archived boards instead of the boards in use.</summary>
    public bool Archived { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The <see cref="BoardPage.NextCursor"/> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed record BoardPage(IReadOnlyList<Board> Items, string? NextCursor);
