using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Sessions;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>Browser sessions end after an idle period and at an absolute lifetime; API tokens only at their expiry.</summary>
public sealed class SessionTimeoutTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromHours(8);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private readonly ManualClock clock = new(Start);

    // No caching, so every check reads the row as a request after the cache expired would.
    private SessionService Sessions() => new(
        database.Factory,
        new MemoryCache(new MemoryCacheOptions()),
        new AuditLog(database.Factory, clock, NullLogger<AuditLog>.Instance),
        clock,
        Options.Create(new SessionOptions { CheckCacheDuration = TimeSpan.Zero, LastSeenResolution = TimeSpan.FromMinutes(1), BrowserIdleTimeout = Idle }),
        new NoOtherInstances());

    private async Task<(Guid User, AuthSession Session)> SignInAsync(SessionKind kind)
    {
        var user = await database.CreateUserAsync();
        return (user, await Sessions().CreateAsync(user, kind, null, Lifetime, ClientInfo.Unknown));
    }

    [Fact]
    public async Task ABrowserSessionInUseStaysValidAndAnIdleOneEnds()
    {
        var (user, session) = await SignInAsync(SessionKind.Browser);

        clock.Now += Idle - TimeSpan.FromMinutes(5);
        Assert.Equal(SessionCheck.Valid, (await Sessions().CheckAsync(session.Id, user)).Check);
        clock.Now += Idle - TimeSpan.FromMinutes(5);
        Assert.Equal(SessionCheck.Valid, (await Sessions().CheckAsync(session.Id, user)).Check);

        clock.Now += Idle;
        Assert.Equal(SessionCheck.Expired, (await Sessions().CheckAsync(session.Id, user)).Check);
        // The refused check did not count as use.
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(SessionCheck.Expired, (await Sessions().CheckAsync(session.Id, user)).Check);
        Assert.DoesNotContain(await Sessions().ListActiveAsync(user), s => s.Id == session.Id);
    }

    [Fact]
    public async Task ABrowserSessionInConstantUseStillEndsAtItsAbsoluteLifetime()
    {
        var (user, session) = await SignInAsync(SessionKind.Browser);

        while (clock.Now < Start + Lifetime - TimeSpan.FromHours(1))
        {
            Assert.Equal(SessionCheck.Valid, (await Sessions().CheckAsync(session.Id, user)).Check);
            clock.Now += TimeSpan.FromHours(1);
        }

        clock.Now = Start + Lifetime;
        Assert.Equal(SessionCheck.Expired, (await Sessions().CheckAsync(session.Id, user)).Check);
    }

    [Theory]
    [InlineData(SessionKind.Api)]
    [InlineData(SessionKind.Token)]
    public async Task AnApiSessionIsNotEndedByIdleness(SessionKind kind)
    {
        var (user, session) = await SignInAsync(kind);

        clock.Now += Lifetime - TimeSpan.FromMinutes(1);

        Assert.Equal(SessionCheck.Valid, (await Sessions().CheckAsync(session.Id, user)).Check);
        Assert.Contains(await Sessions().ListActiveAsync(user), s => s.Id == session.Id);
    }
}
