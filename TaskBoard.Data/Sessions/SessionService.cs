using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Database;
using TaskBoard.Data.Users;

namespace TaskBoard.Data.Sessions;

/// <summary>Why a session no longer authenticates anything.</summary>
public enum SessionCheck
{
    Valid,

    /// <summary>No such session for that user (never existed, or the user was deleted).</summary>
    Missing,
    Revoked,
    Expired,
}

/// <summary>A session's check, and what a bearer token of it may do.</summary>
public readonly record struct SessionStatus(SessionCheck Check, IReadOnlyList<string> Scopes)
{
    public bool IsValid => Check == SessionCheck.Valid;
}

/// <summary>
/// Sessions: one row per sign-in or personal access token. Every authenticated request checks its
/// row (the join with the user makes a deleted account's sessions fail); the check is cached briefly so a busy client costs no query per request, and any revocation
/// on this instance evicts the cached check at once.
/// </summary>
public sealed class SessionService(
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    IMemoryCache cache,
    AuditLog audit,
    TimeProvider time,
    IOptions<SessionOptions> options,
    IChangeNotifier otherInstances)
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> userEvictions = new();

    private sealed record CachedState(Guid UserId, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? IdleSince, IReadOnlyList<string> Scopes);

    /// <summary>Opens a session; <paramref name="scopes"/> default to all of them (a sign-in).</summary>
    public async Task<AuthSession> CreateAsync(
        Guid userId, SessionKind kind, string? name, TimeSpan lifetime, ClientInfo client, CancellationToken cancellationToken = default,
        IEnumerable<string>? scopes = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new AuthSession
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Kind = kind,
            Name = name,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + lifetime,
            Ip = client.Ip,
            UserAgent = client.UserAgent,
            Scopes = Sessions.Scopes.Format(scopes ?? Sessions.Scopes.All),
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuthSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>The user's sessions that still work, most recently used first.</summary>
    public async Task<IReadOnlyList<AuthSession>> ListActiveAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var idleBefore = now - options.Value.BrowserIdleTimeout;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuthSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .Where(s => s.Kind != SessionKind.Browser || s.LastSeenAt > idleBefore)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<AuthSession?> GetAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuthSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
    }

    /// <summary>
    /// Ends one of the user's sessions. False when the user has no such active session, which
    /// includes another user's session: callers cannot tell those apart.
    /// </summary>
    public async Task<bool> RevokeAsync(
        Guid userId, Guid sessionId, string auditKind, ClientInfo client, CancellationToken cancellationToken = default, AdminActor? admin = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var revoked = await db.AuthSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        SessionsChanged(userId);
        if (revoked == 0)
        {
            return false;
        }

        await audit.RecordAsync(auditKind, userId, client, admin is null ? $"session {sessionId}" : $"session {sessionId}, {admin.Describe()}",
            cancellationToken, admin?.AdminId);
        return true;
    }

    /// <summary>Ends every session of the user except <paramref name="keep"/> (after a password change).</summary>
    public async Task<int> RevokeOthersAsync(Guid userId, Guid? keep, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var revoked = await db.AuthSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        SessionsChanged(userId);
        return revoked;
    }

    /// <summary>Whether the session still authenticates <paramref name="userId"/>, and with which scopes.</summary>
    public async Task<SessionStatus> CheckAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default)
    {
        var key = CacheKey(sessionId);
        if (!cache.TryGetValue(key, out CachedState? state))
        {
            // Taken before the read: a revocation that lands while we read cancels it, so the entry dies at once.
            var eviction = UserEviction(userId).Token;
            state = await LoadAsync(sessionId, cancellationToken);
            if (state is not null && options.Value.CheckCacheDuration > TimeSpan.Zero)
            {
                var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.CheckCacheDuration };
                entry.AddExpirationToken(new CancellationChangeToken(eviction));
                cache.Set(key, state, entry);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var check = state switch
        {
            null => SessionCheck.Missing,
            _ when state.UserId != userId => SessionCheck.Missing,
            { RevokedAt: not null } => SessionCheck.Revoked,
            _ when state.ExpiresAt <= now => SessionCheck.Expired,
            { IdleSince: { } idleSince } when now - idleSince >= options.Value.BrowserIdleTimeout => SessionCheck.Expired,
            _ => SessionCheck.Valid,
        };
        return new SessionStatus(check, check == SessionCheck.Valid ? state!.Scopes : []);
    }

    /// <summary>
    /// The user's sessions changed here (revoked, password changed): forget the cached checks
    /// on this instance and tell the others to do the same.
    /// </summary>
    public void SessionsChanged(Guid userId)
    {
        EvictUser(userId);
        otherInstances.SessionsChanged(userId);
    }

    /// <summary>Forgets every cached check, after revocations on other instances may have been missed.</summary>
    public void EvictAll()
    {
        foreach (var userId in userEvictions.Keys)
        {
            EvictUser(userId);
        }
    }

    /// <summary>Forgets the cached checks of all the user's sessions on this instance.</summary>
    public void EvictUser(Guid userId)
    {
        // Not disposed: a check may still hold its token, which must stay readable (and cancelled).
        if (userEvictions.TryRemove(userId, out var eviction))
        {
            eviction.Cancel();
        }
    }

    private CancellationTokenSource UserEviction(Guid userId) => userEvictions.GetOrAdd(userId, _ => new CancellationTokenSource());

    private async Task<CachedState?> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.AuthSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.UserId, s.Kind, s.ExpiresAt, s.RevokedAt, s.LastSeenAt, s.Scopes })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        // Record use coarsely: at most one write per session per resolution, only when the check is reloaded.
        // A browser session that has been idle too long is not revived by this very check.
        var now = time.GetUtcNow().UtcDateTime;
        var browser = row.Kind == SessionKind.Browser;
        var idle = browser && now - row.LastSeenAt >= options.Value.BrowserIdleTimeout;
        var lastSeen = row.LastSeenAt;
        if (row.RevokedAt is null && !idle && now - row.LastSeenAt >= options.Value.LastSeenResolution)
        {
            await db.AuthSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
            lastSeen = now;
        }

        return new CachedState(row.UserId, row.ExpiresAt, row.RevokedAt, browser ? lastSeen : null, Sessions.Scopes.Parse(row.Scopes));
    }

    private static string CacheKey(Guid sessionId) => $"session-check:{sessionId}";
}
