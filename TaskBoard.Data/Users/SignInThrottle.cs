using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Users;

/// <summary>The <c>Auth:Lockout</c> configuration section: how password attempts for one email address are slowed down.</summary>
public sealed class LockoutSettings
{
    public const string Section = "Auth:Lockout";

    /// <summary>Failed attempts allowed before each further attempt has to wait.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>The wait after the last allowed failure; it doubles with every further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>One email address's recent password attempts (a row per address, known or not).</summary>
public sealed class SignInThrottleEntry
{
    public const int EmailHashLength = 64;

    /// <summary>SHA-256 of the normalised email, in hex: the table never holds the address itself.</summary>
    public string EmailHash { get; set; } = "";

    public int Attempts { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Whether a password may be checked now; when not, until when it has to wait. <see cref="WaitFollows"/>:
/// this attempt was the last before a wait, which a failure now sets off.
/// </summary>
public readonly record struct ThrottleDecision(bool Allowed, DateTime? LockedUntil, bool WaitFollows = false);

/// <summary>
/// Slows down password guessing per email address, with the same rules for addresses that have no
/// account (so the answers never tell them apart). Each attempt is counted in one statement
/// <em>before</em> the password is hashed, and the attempt that reaches the limit sets the wait at
/// the same time: of any number of simultaneous guesses, exactly the allowed number are checked.
/// After <see cref="LockoutSettings.MaxFailedAttempts"/> failures each further attempt waits
/// <see cref="LockoutSettings.FirstDelay"/>, doubling up to <see cref="LockoutSettings.Duration"/>.
/// This stops new password sign-ins only: existing sessions and tokens keep working.
/// </summary>
public sealed class SignInThrottle(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time, IOptions<LockoutSettings> options)
{
    /// <summary>Failures older than this are forgotten, so a few typos a month never add up to a wait.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>Counts an attempt for <paramref name="email"/> before its password is checked.</summary>
    public async Task<ThrottleDecision> BeginAsync(string email, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = Truncate(time.GetUtcNow().UtcDateTime);
        var locks = LockInstants(settings, now);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // The attempt number after this one, and the lock it sets when it reaches the limit.
        const string next = "(CASE WHEN sign_in_throttle.updated_at < @forget THEN 1 ELSE sign_in_throttle.attempts + 1 END)";
        var lockCase = new StringBuilder("CASE");
        for (var i = 0; i < locks.Count; i++)
        {
            var compare = i == locks.Count - 1 ? ">=" : "=";
            lockCase.Append(CultureInfo.InvariantCulture, $" WHEN {next} {compare} {settings.MaxFailedAttempts + i} THEN @lock{i}");
        }

        lockCase.Append(" ELSE NULL END");
        command.CommandText = $"""
            INSERT INTO sign_in_throttle (email_hash, attempts, locked_until, updated_at)
            VALUES (@email_hash, 1, @first_lock, @now)
            ON CONFLICT (email_hash) DO UPDATE SET
                attempts = {next},
                locked_until = {lockCase},
                updated_at = @now
            WHERE sign_in_throttle.locked_until IS NULL OR sign_in_throttle.locked_until <= @now
            RETURNING attempts
            """;
        Add(command, "email_hash", KeyFor(email));
        Add(command, "now", now);
        Add(command, "forget", now - Memory);
        Add(command, "first_lock", settings.MaxFailedAttempts <= 1 ? locks[0] : DBNull.Value);
        for (var i = 0; i < locks.Count; i++)
        {
            Add(command, $"lock{i}", locks[i]);
        }

        var key = KeyFor(email);
        var counted = await command.ExecuteScalarAsync(cancellationToken);
        if (counted is not null)
        {
            return new ThrottleDecision(true, null, Convert.ToInt32(counted, CultureInfo.InvariantCulture) >= settings.MaxFailedAttempts);
        }

        // Locked: nothing was counted. Say until when.
        var entry = await db.Set<SignInThrottleEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.EmailHash == key, cancellationToken);
        return new ThrottleDecision(false, entry?.LockedUntil);
    }

    /// <summary>A correct password (or a completed reset): the address starts afresh.</summary>
    public async Task ClearAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = KeyFor(email);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<SignInThrottleEntry>().Where(e => e.EmailHash == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Pauses password sign-ins for <paramref name="email"/> for the longest wait (an administrator
    /// who suspects guessing): until then every attempt is refused before its password is checked.
    /// </summary>
    public async Task<DateTime> PauseAsync(string email, CancellationToken cancellationToken = default)
    {
        var now = Truncate(time.GetUtcNow().UtcDateTime);
        var until = now + options.Value.Duration;
        var key = KeyFor(email);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Set<SignInThrottleEntry>().Where(e => e.EmailHash == key)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedUntil, until).SetProperty(e => e.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.Set<SignInThrottleEntry>().Add(new SignInThrottleEntry
            {
                EmailHash = key, Attempts = options.Value.MaxFailedAttempts, LockedUntil = until, UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return until;
    }

    /// <summary>The instants the attempt that reaches the limit, and each one after it, lock the address until.</summary>
    private static List<DateTime> LockInstants(LockoutSettings settings, DateTime now)
    {
        var locks = new List<DateTime>();
        var delay = settings.FirstDelay;
        while (delay < settings.Duration && locks.Count < 30)
        {
            locks.Add(now + delay);
            delay *= 2;
        }

        locks.Add(now + settings.Duration);
        return locks;
    }

    internal static string KeyFor(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}
