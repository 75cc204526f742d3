namespace TaskBoard.Tests.Infrastructure;

/// <summary>
/// The app sending its email through a real SMTP server started for the test (<see cref="SmtpCapture"/>),
/// with App:PublicUrl set as SMTP requires; links in messages point at the in-memory app.
/// </summary>
public class MailApp : ApiApp
{
    public const string PublicUrl = "https://localhost";

    public SmtpCapture Smtp { get; } = new();

    protected override async Task PrepareAsync() => await Smtp.StartAsync();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Email:Smtp:Host"] = "127.0.0.1";
        settings["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:Smtp:Security"] = "None";
        settings["Email:RetryDelay"] = "00:00:01";
        settings["App:PublicUrl"] = PublicUrl;
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
