using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using TaskBoard.Data.Database;

namespace TaskBoard.Data.Email;

/// <summary>Hands messages over: to an SMTP server, or into files.</summary>
public interface IEmailTransport
{
    /// <summary>Opens what a batch of messages needs (a connection); dispose it when done.</summary>
    Task<IEmailDelivery> OpenAsync(CancellationToken cancellationToken);
}

public interface IEmailDelivery : IAsyncDisposable
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

internal static class MimeMessages
{
    /// <summary>The message as mail: a plain-text part and an HTML part, the same content.</summary>
    public static MimeMessage For(OutboxMessage message, EmailSettings settings)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = new DateTimeOffset(message.CreatedAt) };
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.MessageId = $"{message.Id:N}@taskboard";
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}

/// <summary>Delivery through an SMTP server with MailKit: one connection per batch.</summary>
internal sealed class SmtpTransport(IOptions<EmailSettings> options) : IEmailTransport
{
    public async Task<IEmailDelivery> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = settings.Smtp.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Smtp.Username))
            {
                await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
            }

            return new Delivery(client, settings);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Delivery(SmtpClient client, EmailSettings settings) : IEmailDelivery
    {
        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(MimeMessages.For(message, settings), cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }

            client.Dispose();
        }
    }
}

/// <summary>
/// With no SMTP server configured (the zero-configuration default), each message becomes an .eml
/// file in <c>&lt;Database:DataDirectory&gt;/outbox/</c>, which any mail program opens.
/// </summary>
internal sealed class FileTransport(DatabaseConnection connection, IOptions<EmailSettings> options, ILogger<FileTransport> logger) : IEmailTransport
{
    public string Folder { get; } = Path.Combine(connection.DataDirectory, "outbox");

    public Task<IEmailDelivery> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IEmailDelivery>(new Delivery(this, options.Value, logger));
    }

    private sealed class Delivery(FileTransport transport, EmailSettings settings, ILogger logger) : IEmailDelivery
    {
        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var path = Path.Combine(transport.Folder, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Kind}-{message.Id:N}.eml");
            await MimeMessages.For(message, settings).WriteToAsync(path, cancellationToken);
            logger.LogInformation("No SMTP server is configured (Email:Smtp:Host), so the {Kind} email to {To} was written to {Path}",
                message.Kind, message.Recipient, path);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
