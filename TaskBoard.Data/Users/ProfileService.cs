using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Users;

/// <summary>The account's own details; a context per call, so it is safe in long-lived circuits.</summary>
public sealed class ProfileService(IDbContextFactory<TaskBoardDbContext> contextFactory, AuditLog audit)
{
    public async Task<(string Email, string DisplayName)?> GetAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        return user is null ? null : (user.Email ?? "", user.DisplayName);
    }

    /// <summary>Sets the display name (audited); the message says what is wrong, or null when saved.</summary>
    public async Task<string?> SetDisplayNameAsync(Guid userId, string? name, ClientInfo client, CancellationToken cancellationToken = default)
    {
        if (TaskValidator.CheckText("Name", name, AppUser.DisplayNameMaxLength, required: true, multiline: false) is { } problem)
        {
            return problem;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name!.Trim()), cancellationToken);
        if (updated != 1)
        {
            return "This account no longer exists.";
        }

        await audit.RecordAsync(AuditKinds.ProfileChanged, userId, client, "display name changed", cancellationToken);
        return null;
    }
}
