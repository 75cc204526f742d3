using TaskBoard.Data.Tasks;

namespace TaskBoard.Web.Tasks;

/// <summary>A comment as the API shows it: its author (null once their account is gone) and whether it was changed since it was written.</summary>
public sealed record CommentResponse(Guid Id, Guid TaskId, Guid? AuthorId, string? AuthorName, string Body, bool Edited, DateTime CreatedAt, DateTime UpdatedAt, int Version)
{
    public static CommentResponse From(CommentEntry comment) => new(
        comment.Id, comment.TaskId, comment.AuthorId, comment.AuthorName, comment.Body, comment.Edited, comment.CreatedAt, comment.UpdatedAt, comment.Version);
}

public sealed record CommentPageResponse(IReadOnlyList<CommentResponse> Items, string? NextCursor);

/// <summary>One entry of a task's history: who (null once their account is gone) did what, when, with the details of that kind.</summary>
public sealed record ActivityResponse(Guid Id, Guid TaskId, Guid? ActorId, string? ActorName, ActivityKind Kind, DateTime At, IReadOnlyDictionary<string, string> Details)
{
    public static ActivityResponse From(ActivityEntry entry) => new(entry.Id, entry.TaskId, entry.ActorId, entry.ActorName, entry.Kind, entry.At, entry.Details);
}

public sealed record ActivityPageResponse(IReadOnlyList<ActivityResponse> Items, string? NextCursor);
