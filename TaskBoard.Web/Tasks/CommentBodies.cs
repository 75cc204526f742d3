using TaskBoard.Data.Tasks;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Tasks;

/// <summary>The comment request body as a table (see <see cref="BodyTable{T}"/>): read and published from the same rows.</summary>
public static class CommentBodies
{
    public sealed record CommentFields(string Body = "");

    /// <summary>POST /api/tasks/{id}/comments and PATCH /api/tasks/{id}/comments/{commentId}.</summary>
    public static BodyTable<CommentFields> Comment { get; } = new(
        "CommentWrite",
        "The comment's text: plain text, kept as written (line breaks included).",
        [
            new("body", () => ApiSchema.String("Plain text.", 1, TaskComment.BodyMaxLength),
                (v, c) => JsonValues.TryString(v, out var body) ? c with { Body = body } : null, "Body must be a string of valid characters."),
        ],
        ["body"],
        new[] { "id", "taskId", "authorId", "authorName", "createdAt", "updatedAt", "edited", "version" }
            .ToDictionary(n => n, _ => "This field is set by the server and cannot be written."),
        () => new CommentFields());

    public sealed class Write : IBodyDefinition<CommentFields>
    {
        public static BodyTable<CommentFields> Table => Comment;
    }

    public sealed class Change : IBodyDefinition<CommentFields>
    {
        public static BodyTable<CommentFields> Table => Comment;

        public static bool Patch => true;
    }
}
