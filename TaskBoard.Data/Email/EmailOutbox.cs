using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Email;

/// <summary>
/// Queues messages: one row per message in <c>email_outbox</c>, written with the request's other
/// work and delivered later by <see cref="OutboxSender"/>, which this wakes at once.
/// </summary>
public sealed class EmailOutbox(IDbContextFactory<TaskBoardDbContext> contextFactory, TimeProvider time)
{
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Queues <paramref name="kind"/> (one of <see cref="EmailTemplates"/>) for <paramref name="to"/>.</summary>
    public async Task EnqueueAsync(string to, string kind, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        var message = EmailTemplates.Render(kind, values);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Recipient = to,
            Subject = message.Subject,
            TextBody = message.Text,
            HtmlBody = message.Html,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        Wake();
    }

    /// <summary>Waits until a message is queued on this instance, or <paramref name="timeout"/> passes.</summary>
    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await wake.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }
}
