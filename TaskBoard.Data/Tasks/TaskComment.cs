namespace TaskBoard.Data.Tasks;

/// <summary>A note on a task by one of its board's owners or editors: plain text, edited and deleted by its author (the owner may delete any).</summary>
public sealed class TaskComment : IVersioned
{
    public const int BodyMaxLength = 5_000;

    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    /// <summary>Who wrote it (null once that account is gone; the comment stays).</summary>
    public Guid? AuthorId { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A comment as it is read: with its author's current display name (null once the account is gone).</summary>
public sealed record CommentEntry(Guid Id, Guid TaskId, Guid? AuthorId, string? AuthorName, string Body, DateTime CreatedAt, DateTime UpdatedAt, int Version) : IVersioned
{
    /// <summary>Changed since it was written.</summary>
    public bool Edited => UpdatedAt != CreatedAt;
}
