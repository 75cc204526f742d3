using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Users;

/// <summary>
/// The browsers and clients each account has signed in from: a browser by the id in its device
/// cookie, an API client by its user agent. A sign-in from one not seen before is news worth an email.
/// </summary>
public sealed class KnownDevices(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Records the sign-in's device; true when the account had not seen it before.</summary>
    public async Task<bool> SeenAsync(Guid userId, ClientInfo client, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            client.Device is { Length: > 0 } device ? $"device:{device}" : $"agent:{client.UserAgent}")));
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.KnownDevices.Where(d => d.UserId == userId && d.DeviceHash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now), cancellationToken);
        if (updated > 0)
        {
            return false;
        }

        db.KnownDevices.Add(new KnownDevice { UserId = userId, DeviceHash = hash, FirstSeenAt = now, LastSeenAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same device signed in twice at once: the other sign-in recorded it.
            return false;
        }
    }
}
