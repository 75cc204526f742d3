using System.Diagnostics.Metrics;

namespace TaskBoard.Data.Telemetry;

/// <summary>
/// TaskBoard's own metrics (meter <c>TaskBoard</c>), next to the framework's: what an operator
/// watches to see sign-ins, work done, live boards and the email outbox. Recorded where the thing
/// happens; exported by OpenTelemetry (Prometheus scrape, OTLP) when the host turns it on.
/// </summary>
public static class TaskBoardMetrics
{
    public const string MeterName = "TaskBoard";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Password, two-factor and passkey sign-ins, by <c>result</c> (<c>succeeded</c>, <c>failed</c>).</summary>
    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("taskboard.sign_ins", "{sign-in}", "Sign-in attempts by result.");

    public static readonly Counter<long> Lockouts = Meter.CreateCounter<long>("taskboard.lockouts", "{lockout}", "Times password sign-ins were paused for an address after repeated failures.");

    public static readonly Counter<long> TokensIssued = Meter.CreateCounter<long>("taskboard.tokens_issued", "{token}", "Personal access tokens created.");

    public static readonly Counter<long> TasksCreated = Meter.CreateCounter<long>("taskboard.tasks_created", "{task}", "Tasks created (idempotent replays not counted).");

    public static readonly Counter<long> TasksMoved = Meter.CreateCounter<long>("taskboard.tasks_moved", "{task}", "Task moves.");

    public static readonly UpDownCounter<long> OpenCircuits = Meter.CreateUpDownCounter<long>("taskboard.circuits_open", "{circuit}", "Browser circuits open on this instance.");

    public static readonly UpDownCounter<long> LiveSubscribers = Meter.CreateUpDownCounter<long>("taskboard.live_subscribers", "{board}", "Open boards listening for changes on this instance.");

    public static readonly Histogram<double> NotificationLag = Meter.CreateHistogram<double>(
        "taskboard.notification_lag", "ms", "From a change's notification on one instance to its arrival on another (instance clocks must agree).");

    public static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("taskboard.outbox_sent", "{email}", "Emails handed to the mail server (or written as files).");

    public static readonly Counter<long> EmailFailures = Meter.CreateCounter<long>("taskboard.outbox_failures", "{email}", "Failed delivery attempts (retried), and final failures with final=true.");

    private static long outboxBacklog;

    static TaskBoardMetrics()
    {
        Meter.CreateObservableGauge("taskboard.outbox_backlog", () => Interlocked.Read(ref outboxBacklog), "{email}",
            "Emails waiting in the outbox, as this instance last counted them.");
    }

    /// <summary>The outbox sender's latest count of waiting emails.</summary>
    public static void ReportOutboxBacklog(long waiting) => Interlocked.Exchange(ref outboxBacklog, waiting);
}
