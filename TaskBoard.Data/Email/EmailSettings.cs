using MimeKit;

namespace TaskBoard.Data.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same host or network).</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (required, usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>The <c>Email:Smtp</c> configuration section.</summary>
public sealed class SmtpSettings
{
    /// <summary>The SMTP server. Unset: messages are written as .eml files to <c>&lt;Database:DataDirectory&gt;/outbox/</c>.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}

/// <summary>The <c>Email</c> configuration section.</summary>
public sealed class EmailSettings
{
    public const string Section = "Email";

    /// <summary>The sender of every message, as "Name &lt;address&gt;" or a bare address.</summary>
    public string From { get; set; } = "TaskBoard <taskboard@localhost>";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The wait before the first retry of a message that could not be handed over; it doubles with each further try.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries before a message is given up on (marked failed and logged).</summary>
    public int MaxAttempts { get; set; } = 10;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The configuration's problems, each naming its key; empty when it is usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return $"{Section}:From must be an email address, such as \"TaskBoard <tasks@example.com>\".";
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return $"{Section}:Smtp:Port must be between 1 and 65535.";
        }

        if (!Enum.IsDefined(Smtp.Security))
        {
            yield return $"{Section}:Smtp:Security must be None, StartTls or SslOnConnect.";
        }

        if (string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
        {
            yield return $"{Section}:Smtp:Username and {Section}:Smtp:Password go together: set both or neither.";
        }

        if (RetryDelay <= TimeSpan.Zero || MaxAttempts < 1)
        {
            yield return $"{Section}:RetryDelay must be positive and {Section}:MaxAttempts at least 1.";
        }
    }
}
