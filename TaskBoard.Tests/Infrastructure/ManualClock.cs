namespace TaskBoard.Tests.Infrastructure;

/// <summary>A clock the test sets, so "overdue" and "today" do not depend on when the test runs.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
