using System.Text.Json;
using Microsoft.OpenApi;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Sharing;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Sharing;

/// <summary>The sharing request bodies as tables (see <see cref="BodyTable{T}"/>): read and published from the same rows.</summary>
public static class SharingBodies
{
    /// <summary>A role that can be given: editor or viewer (a board's one owner is made by handing the board over).</summary>
    private static OpenApiSchema GivenRole(string description) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = [JsonValue("editor"), JsonValue("viewer")],
    };

    private static System.Text.Json.Nodes.JsonNode JsonValue(string value) => System.Text.Json.Nodes.JsonValue.Create(value)!;

    private static bool TryGivenRole(JsonElement value, out BoardRole role)
    {
        role = default;
        return JsonValues.TryEnum(value, out role) && role is BoardRole.Editor or BoardRole.Viewer;
    }

    public sealed record RoleFields(BoardRole Role = BoardRole.Viewer);

    /// <summary>PATCH /api/boards/{id}/members/{userId}.</summary>
    public static BodyTable<RoleFields> RoleChange { get; } = new(
        "MemberPatch",
        "The member's new role.",
        [
            new("role", () => GivenRole("editor (tasks, comments, columns) or viewer (read only)."),
                (v, r) => TryGivenRole(v, out var role) ? r with { Role = role } : null, MemberService.RoleRule),
        ],
        ["role"],
        new Dictionary<string, string> { ["userId"] = "The member is named in the address.", ["name"] = "A member's name is their own to change." },
        () => new RoleFields());

    public sealed record TransferFields(Guid UserId = default);

    /// <summary>POST /api/boards/{id}/transfer.</summary>
    public static BodyTable<TransferFields> Transfer { get; } = new(
        "BoardTransfer",
        "The member who becomes the board's owner; you stay on as an editor.",
        [
            new("userId", () => ApiSchema.String("A member's user id.", format: "uuid"),
                (v, t) => JsonValues.TryGuid(v, out var id) ? t with { UserId = id } : null, "User id must be a member's user id."),
        ],
        ["userId"],
        new Dictionary<string, string>(),
        () => new TransferFields());

    public sealed record InvitationFields(string Email = "", BoardRole Role = BoardRole.Editor);

    /// <summary>POST /api/boards/{id}/invitations.</summary>
    public static BodyTable<InvitationFields> Invitation { get; } = new(
        "InvitationCreate",
        "Who to invite and as what. The answer is the same whether or not the address has an account.",
        [
            new("email", () => ApiSchema.String("The address to invite.", 3, BoardInvitation.EmailMaxLength, format: "email"),
                (v, i) => JsonValues.TryString(v, out var email) ? i with { Email = email } : null, "Email must be text."),
            new("role", () => GivenRole("editor (the default) or viewer."),
                (v, i) => TryGivenRole(v, out var role) ? i with { Role = role } : null, MemberService.RoleRule),
        ],
        ["email"],
        new Dictionary<string, string> { ["id"] = "This field is set by the server and cannot be written.", ["boardId"] = "The board is named in the address." },
        () => new InvitationFields());

    public sealed record AnswerFields(string? Token = null);

    /// <summary>POST /api/invitations/{id}/accept and …/decline: an optional body.</summary>
    public static BodyTable<AnswerFields> Answer { get; } = new(
        "InvitationAnswer",
        "Optional. token is the secret of the emailed link (its token parameter): with it, an account whose address is not confirmed yet may answer.",
        [
            new("token", () => ApiSchema.String("The emailed link's token.", 1, 200),
                (v, a) => JsonValues.TryString(v, out var token) && token.Length is > 0 and <= 200 ? a with { Token = token } : null, "Token must be the emailed link's token."),
        ],
        [],
        new Dictionary<string, string>(),
        () => new AnswerFields());

    public sealed class ChangeRole : IBodyDefinition<RoleFields>
    {
        public static BodyTable<RoleFields> Table => RoleChange;

        public static bool Patch => true;
    }

    public sealed class TransferBoard : IBodyDefinition<TransferFields>
    {
        public static BodyTable<TransferFields> Table => Transfer;
    }

    public sealed class Invite : IBodyDefinition<InvitationFields>
    {
        public static BodyTable<InvitationFields> Table => Invitation;
    }

    public sealed class AnswerInvitation : IBodyDefinition<AnswerFields>
    {
        public static BodyTable<AnswerFields> Table => Answer;

        public static bool Optional => true;
    }
}
