namespace TaskBoard.Data.Boards;

/// <summary>What a member may do on a board, ordered by power: each role can do everything the ones below it can.</summary>
public enum BoardRole : short
{
    /// <summary>Reads the board, its tasks, comments, activity and members; changes nothing but leaving.</summary>
    Viewer = 1,

    /// <summary>Also creates, changes, moves and deletes tasks, comments on them and shapes the columns.</summary>
    Editor = 2,

    /// <summary>Also renames, archives and deletes the board, and manages its members. One per board.</summary>
    Owner = 3,
}

/// <summary>A person's place on a board: the owner too has one, so "who reaches this board" is one lookup.</summary>
public sealed class BoardMember
{
    public Guid BoardId { get; set; }

    public Guid UserId { get; set; }

    public BoardRole Role { get; set; }

    /// <summary>When they joined (for the owner, when the board was made or handed to them).</summary>
    public DateTime CreatedAt { get; set; }
}
