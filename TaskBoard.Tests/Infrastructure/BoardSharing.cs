using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Database;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>Puts people on boards the way the API does it: the owner invites, the invitee (address confirmed) accepts.</summary>
public static class BoardSharing
{
    /// <summary>Confirms the addresses of <paramref name="accounts"/>, as their emailed links would.</summary>
    public static async Task ConfirmEmailsAsync(ApiApp app, params TestAccount[] accounts)
    {
        var ids = accounts.Select(a => a.UserId).ToList();
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<TaskBoardDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true));
    }

    /// <summary>Invites <paramref name="email"/> to the board as <paramref name="role"/>; answers the invitation's id.</summary>
    public static async Task<Guid> InviteAsync(HttpClient owner, Guid boardId, string email, string role)
    {
        var invited = await owner.PostAsJsonAsync($"/api/boards/{boardId}/invitations", new { email, role });
        Assert.True(invited.StatusCode == HttpStatusCode.Accepted, await invited.Content.ReadAsStringAsync());
        return (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Makes <paramref name="member"/> (whose address is confirmed) a member of the owner's board as <paramref name="role"/>.</summary>
    public static async Task JoinAsync(ApiApp app, HttpClient owner, Guid boardId, TestAccount member, string role)
    {
        var invitation = await InviteAsync(owner, boardId, member.Email, role);
        using var client = app.Client(member.Token);
        var accepted = await client.PostAsync($"/api/invitations/{invitation}/accept", null);
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
    }
}
