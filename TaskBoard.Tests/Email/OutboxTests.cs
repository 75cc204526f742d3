using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using TaskBoard.Data.Email;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Email;

/// <summary>The app with its mail server down at first, three tries per message, a second between the first two.</summary>
public sealed class MailServerDownApp : MailApp
{
    protected override Task PrepareAsync() => Task.CompletedTask;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Email:MaxAttempts"] = "3";
        return settings;
    }
}

public sealed class OutboxTests(MailServerDownApp app) : IClassFixture<MailServerDownApp>
{
    [Fact]
    public async Task WhileTheServerIsDownMessagesWaitAndRetryAndAreGivenUpOnOnlyAfterTheLastTry()
    {
        // A message that meets the server down three times is given up on, and says why in the log.
        var first = await app.SignUpAsync();
        await app.Log.WaitForAsync("Gave up on the \"verify-email\" email");
        await using (var db = await app.Database.Factory.CreateDbContextAsync())
        {
            var failed = await db.EmailOutbox.SingleAsync(m => m.Recipient == first.Email);
            Assert.Equal((3, true, false), (failed.Attempts, failed.FailedAt is not null, failed.SentAt is not null));
            Assert.Contains("SocketException", failed.LastError);
        }

        // One that is still being retried when the server comes back is delivered.
        var second = await app.SignUpAsync();
        await app.Log.WaitForAsync("Could not send the \"verify-email\" email", count: 3);
        await app.Smtp.StartAsync();
        var delivered = await app.Smtp.WaitForAsync(second.Email);

        Assert.Equal("Confirm your email address for TaskBoard", delivered.Subject);
        Assert.Empty(app.Smtp.To(first.Email));
        await app.Log.WaitForAsync("Sent the \"verify-email\" email"); // marked sent once handed over
        await using var after = await app.Database.Factory.CreateDbContextAsync();
        Assert.NotNull((await after.EmailOutbox.SingleAsync(m => m.Recipient == second.Email)).SentAt);
    }
}

/// <summary>Two instances on one database and one mail server.</summary>
public sealed class TwoSendersTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task TwoInstancesSendEachMessageOfASharedOutboxExactlyOnce()
    {
        await using var smtp = new SmtpCapture();
        await smtp.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Auth:Jwt:Secret"] = "a test secret that is long enough for hs256",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["App:PublicUrl"] = "https://tasks.example.test",
        };
        var log = new LogCapture();
        await using var first = new TaskBoardFactory(settings, services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        await using var second = new TaskBoardFactory(settings, services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        _ = first.Server;
        _ = second.Server;

        // Queued straight into the table, so neither instance is woken by it: both find them on their rounds.
        const int count = 60;
        var now = DateTime.UtcNow;
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            for (var i = 0; i < count; i++)
            {
                var message = EmailTemplates.Render(EmailTemplates.PasswordChanged, new Dictionary<string, string>
                {
                    ["Name"] = "Shared", ["Email"] = "x", ["When"] = "now", ["How"] = "test",
                });
                db.EmailOutbox.Add(new OutboxMessage
                {
                    Id = Guid.CreateVersion7(), Kind = message.Kind, Recipient = $"shared-{i}@example.test", Subject = message.Subject,
                    TextBody = message.Text, HtmlBody = message.Html, CreatedAt = now, NextAttemptAt = now,
                });
            }

            await db.SaveChangesAsync();
        }

        for (var i = 0; i < count; i++)
        {
            await smtp.WaitForAsync($"shared-{i}@example.test");
        }

        await log.WaitForAsync("Sent the \"password-changed\" email", count); // each marked sent after it was handed over
        var received = smtp.Messages.Where(m => m.To.Mailboxes.Single().Address.StartsWith("shared-", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => m.MessageId).Distinct().Count());
        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.Equal(count, await check.EmailOutbox.CountAsync(m => m.Recipient.StartsWith("shared-") && m.SentAt != null && m.Attempts == 1));
    }
}

/// <summary>With no SMTP server configured (the default), messages become .eml files in the data folder's outbox.</summary>
public sealed class FileOutboxTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tb-outbox-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task WithoutSmtpEachMessageIsAnEmlFileWithBothPartsAndTheLogSaysWhere()
    {
        var log = new LogCapture();
        await using var app = new TaskBoardFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Auth:Jwt:Secret"] = "a test secret that is long enough for hs256",
            ["Database:DataDirectory"] = folder,
        }, services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        using var client = app.ApiClient();
        var email = $"file-{Guid.NewGuid():N}@example.test";

        await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password = "a long file passphrase", name = "File" });
        await log.WaitForAsync("was written to");

        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder, "outbox"), "*.eml"));
        Assert.Contains(file, log.Text);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Contains("/verify-email?token=", message.TextBody);
        Assert.Contains("<a href=", message.HtmlBody);
    }
}
