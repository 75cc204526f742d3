using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Users;

/// <summary>What the account page and the app bar show about the signed-in person.</summary>
public sealed record Profile(string Email, string DisplayName, bool EmailConfirmed, bool TwoFactorEnabled, bool NotifyNewSignIns, string? TimeZone);

/// <summary>The account's own details; a context per call, so it is safe in long-lived circuits.</summary>
public sealed class ProfileService(IDbContextFactory<TaskBoardDbContext> contextFactory, AuditLog audit)
{
    public async Task<Profile?> GetAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Profile(u.Email ?? "", u.DisplayName, u.EmailConfirmed, u.TwoFactorEnabled, u.NotifyNewSignIns, u.TimeZone))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets the time zone dates are read in (an IANA name), or null for the browser's own; the message says what is wrong, or null.</summary>
    public async Task<string?> SetTimeZoneAsync(Guid userId, string? zone, ClientInfo client, CancellationToken cancellationToken = default)
    {
        if (zone is not null && DueDates.FindZone(zone) is null)
        {
            return "Choose a time zone from the list, such as Europe/Berlin.";
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone), cancellationToken);
        await audit.RecordAsync(AuditKinds.ProfileChanged, userId, client, $"time zone {zone ?? "the browser's"}", cancellationToken);
        return null;
    }

    /// <summary>Turns the "new sign-in" emails on or off (audited).</summary>
    public async Task SetNotifyNewSignInsAsync(Guid userId, bool notify, ClientInfo client, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.NotifyNewSignIns, notify), cancellationToken);
        await audit.RecordAsync(AuditKinds.NoticesChanged, userId, client, notify ? "new sign-in emails on" : "new sign-in emails off", cancellationToken);
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
