using System.Text.Json.Serialization;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Boards;

/// <summary>A board: its own columns, and the tasks standing in them.</summary>
public sealed class Board : IVersioned
{
    public const int NameMaxLength = 100;
    public const int MaxColumns = 50;

    /// <summary>The board every account starts with, and the one a task goes to when none is named.</summary>
    public const string DefaultName = "My tasks";

    public Guid Id { get; set; }

    /// <summary>
    /// Who owns the board: exactly one person at a time, who also has a <see cref="BoardMember"/> row as
    /// <see cref="BoardRole.Owner"/> (kept in step by <see cref="BoardService"/> and <see cref="Sharing.MemberService"/>).
    /// Deleting the owner's account deletes the board. Who may reach it is <see cref="BoardAccess"/>'s question.
    /// </summary>
    public Guid OwnerId { get; set; }

    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the board was archived: it then leaves lists and searches until restored.</summary>
    public DateTime? ArchivedAt { get; set; }

    /// <summary>Moves on with every change to the board or its columns, so the board's ETag covers both.</summary>
    public int Version { get; set; }

    /// <summary>The columns, in order, when loaded with the board.</summary>
    [JsonIgnore]
    public List<BoardColumn> Columns { get; set; } = [];

    /// <summary>Everyone who may reach the board, the owner included; the access rule reads these.</summary>
    [JsonIgnore]
    public List<BoardMember> Members { get; set; } = [];

    /// <summary>The role of the person the board was read for; filled in by <see cref="BoardService"/>, not stored.</summary>
    public BoardRole Role { get; set; } = BoardRole.Viewer;
}

/// <summary>One column of a board. A task is completed exactly when it stands in a done column.</summary>
public sealed class BoardColumn : IVersioned
{
    public const int NameMaxLength = 50;
    public const int MaxWipLimit = 10_000;

    public Guid Id { get; set; }
    public Guid BoardId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Left to right, from 0, without gaps.</summary>
    public int Position { get; set; }

    /// <summary>Tasks here are completed.</summary>
    public bool IsDone { get; set; }

    /// <summary>How many tasks the column should hold at most: more is shown as a warning, never refused.</summary>
    public int? WipLimit { get; set; }

    public int Version { get; set; }

    /// <summary>The columns a new board starts with.</summary>
    public static IReadOnlyList<(string Name, bool IsDone)> Defaults { get; } = [("To do", false), ("In progress", false), ("Done", true)];
}
