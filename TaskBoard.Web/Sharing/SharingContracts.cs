using TaskBoard.Data.Boards;
using TaskBoard.Data.Sharing;

namespace TaskBoard.Web.Sharing;

/// <summary>A member of a board, as everyone on the board sees them.</summary>
public sealed record MemberResponse(Guid UserId, string Name, string Email, BoardRole Role, DateTime JoinedAt)
{
    public static MemberResponse From(MemberEntry member) => new(member.UserId, member.Name, member.Email, member.Role, member.JoinedAt);
}

/// <summary>Every member of a board (always one page).</summary>
public sealed record MemberListResponse(IReadOnlyList<MemberResponse> Items);

/// <summary>An open invitation to a board, as its owner and its invitee see it.</summary>
public sealed record InvitationResponse(
    Guid Id, Guid BoardId, string BoardName, string Email, BoardRole Role, string? InvitedBy, DateTime CreatedAt, DateTime ExpiresAt)
{
    public static InvitationResponse From(InvitationEntry invitation) => new(
        invitation.Id, invitation.BoardId, invitation.BoardName, invitation.Email, invitation.Role, invitation.InvitedByName, invitation.CreatedAt, invitation.ExpiresAt);
}

/// <summary>Open invitations (at most one per board and address, so always one page).</summary>
public sealed record InvitationListResponse(IReadOnlyList<InvitationResponse> Items);
