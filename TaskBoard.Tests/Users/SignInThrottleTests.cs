using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Users;

public sealed class PostgresSignInThrottleTests(PostgresDatabase database) : SignInThrottleTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteSignInThrottleTests(SqliteDatabase database) : SignInThrottleTests(database), IClassFixture<SqliteDatabase>;

/// <summary>Password attempts per email address, counted before hashing, with waits that grow: on both providers.</summary>
public abstract class SignInThrottleTests(TestDatabase database)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private SignInThrottle Throttle => new(database.Factory, clock, Options.Create(new LockoutSettings
    {
        MaxFailedAttempts = 5,
        FirstDelay = TimeSpan.FromMinutes(1),
        Duration = TimeSpan.FromMinutes(15),
    }));

    private static string NewEmail() => $"throttle-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task TheAllowedAttemptsAreCountedAndTheLastOneStartsTheWait()
    {
        var email = NewEmail();
        var decisions = new List<ThrottleDecision>();
        for (var i = 0; i < 6; i++)
        {
            decisions.Add(await Throttle.BeginAsync(email));
        }

        Assert.All(decisions.Take(5), d => Assert.True(d.Allowed));
        Assert.Equal([false, false, false, false, true], decisions.Take(5).Select(d => d.WaitFollows));
        Assert.False(decisions[5].Allowed);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(1), decisions[5].LockedUntil!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task OfManySimultaneousAttemptsExactlyTheAllowedNumberGoThrough()
    {
        var email = NewEmail();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Throttle.BeginAsync(email)));

        Assert.Equal(5, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task EachAttemptAfterAWaitDoublesTheNextWaitUpToTheLongest()
    {
        var email = NewEmail();
        for (var i = 0; i < 5; i++)
        {
            await Throttle.BeginAsync(email);
        }

        var waits = new List<TimeSpan>();
        for (var round = 0; round < 6; round++)
        {
            var blocked = await Throttle.BeginAsync(email);
            Assert.False(blocked.Allowed);
            var wait = blocked.LockedUntil!.Value - clock.GetUtcNow().UtcDateTime;
            waits.Add(wait);
            clock.Advance(wait);
            Assert.True((await Throttle.BeginAsync(email)).Allowed);
        }

        Assert.Equal([1, 2, 4, 8, 15, 15], waits.Select(w => (int)Math.Round(w.TotalMinutes)));
    }

    [Fact]
    public async Task ClearingStartsTheAddressAfreshAndOtherAddressesAreUntouched()
    {
        var email = NewEmail();
        var other = NewEmail();
        for (var i = 0; i < 6; i++)
        {
            await Throttle.BeginAsync(email);
        }

        await Throttle.BeginAsync(other);
        await Throttle.ClearAsync(email);

        Assert.True((await Throttle.BeginAsync(email.ToUpperInvariant())).Allowed);
        Assert.Equal(4, await AllowedInARowAsync(other));
    }

    [Fact]
    public async Task FailuresOlderThanADayAreForgotten()
    {
        var email = NewEmail();
        for (var i = 0; i < 4; i++)
        {
            await Throttle.BeginAsync(email);
        }

        clock.Advance(SignInThrottle.Memory + TimeSpan.FromMinutes(1));

        Assert.Equal(5, await AllowedInARowAsync(email));
    }

    private async Task<int> AllowedInARowAsync(string email)
    {
        var allowed = 0;
        while ((await Throttle.BeginAsync(email)).Allowed)
        {
            allowed++;
        }

        return allowed;
    }
}
