using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Changes;
using TaskBoard.Data.Database;
using TaskBoard.Data.Telemetry;

namespace TaskBoard.Data.Email;

/// <summary>
/// Delivers the outbox. Each round claims a batch of due messages in one statement (on PostgreSQL
/// with <c>FOR UPDATE SKIP LOCKED</c>, so instances sharing the database never claim the same one),
/// hands them to the transport, and marks each sent. A message that fails is tried again after
/// <see cref="EmailSettings.RetryDelay"/>, doubling each time; after <see cref="EmailSettings.MaxAttempts"/>
/// it is marked failed and logged as an error. Nothing is lost while the mail server is down.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<TaskBoardDbContext> contextFactory,
    IEmailTransport transport,
    IOptions<EmailSettings> options,
    EmailOutbox outbox,
    InstanceIdentity instance,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>How often the outbox is looked at when nothing was queued here (messages queued by other instances, retries).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim keeps other instances away: longer than any batch takes, short enough to recover from a crash.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    private const int BatchSize = 20;

    private readonly string claimant = instance.Id.ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var unreachableSince = (DateTime?)null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more waiting.
                }

                await CountBacklogAsync(stoppingToken);

                unreachableSince = null;
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e) && !stoppingToken.IsCancellationRequested)
            {
                if (unreachableSince is null)
                {
                    logger.LogWarning("The email outbox cannot reach the database; messages wait until it is back: {Reason}", e.GetBaseException().Message);
                }

                unreachableSince ??= time.GetUtcNow().UtcDateTime;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The email outbox failed a round; it tries again shortly");
            }

            await outbox.WaitAsync(PollInterval, stoppingToken);
        }
    }

    private async Task CountBacklogAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        TaskBoardMetrics.ReportOutboxBacklog(await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken));
    }

    /// <summary>Claims and delivers one batch; the number claimed.</summary>
    internal async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await ClaimAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        IEmailDelivery delivery;
        try
        {
            delivery = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            foreach (var message in batch)
            {
                await NotDeliveredAsync(message, e, cancellationToken);
            }

            return batch.Count;
        }

        await using (delivery)
        {
            foreach (var message in batch)
            {
                try
                {
                    await delivery.SendAsync(message, cancellationToken);
                    await DeliveredAsync(message, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && !DatabaseOutage.IsOutage(e))
                {
                    await NotDeliveredAsync(message, e, cancellationToken);
                }
            }
        }

        return batch.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = $"""
                UPDATE email_outbox SET claimed_until = @until, claimed_by = @claimant
                WHERE id IN (
                    SELECT id FROM email_outbox
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
                      AND (claimed_until IS NULL OR claimed_until < @now)
                    ORDER BY next_attempt_at, id
                    LIMIT {BatchSize} {skipLocked})
                """;
            Add(command, "until", now + ClaimDuration);
            Add(command, "claimant", claimant);
            Add(command, "now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ClaimedBy == claimant && m.ClaimedUntil > now && m.SentAt == null && m.FailedAt == null)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
    }

    private async Task DeliveredAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
        TaskBoardMetrics.EmailsSent.Add(1);
        logger.LogInformation("Sent the {Kind} email {MessageId} to {To}", message.Kind, message.Id, message.Recipient);
    }

    private async Task NotDeliveredAsync(OutboxMessage message, Exception failure, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        var givenUp = attempts >= settings.MaxAttempts;
        var retryAt = now + (settings.RetryDelay * Math.Pow(2, Math.Min(attempts - 1, 16)));
        var reason = $"{failure.GetType().Name}: {failure.Message}";
        reason = reason.Length > OutboxMessage.ErrorMaxLength ? reason[..OutboxMessage.ErrorMaxLength] : reason;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.FailedAt, givenUp ? now : null)
            .SetProperty(m => m.LastError, reason)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
        TaskBoardMetrics.EmailFailures.Add(1, new KeyValuePair<string, object?>("final", givenUp));
        if (givenUp)
        {
            logger.LogError("Gave up on the {Kind} email {MessageId} to {To} after {Attempts} tries: {Reason}",
                message.Kind, message.Id, message.Recipient, attempts, reason);
        }
        else
        {
            logger.LogWarning("Could not send the {Kind} email {MessageId} to {To} (try {Attempts} of {MaxAttempts}); trying again at {RetryAt:O}: {Reason}",
                message.Kind, message.Id, message.Recipient, attempts, settings.MaxAttempts, retryAt, reason);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
