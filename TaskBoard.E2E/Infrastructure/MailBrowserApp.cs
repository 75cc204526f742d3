namespace TaskBoard.E2E.Infrastructure;

/// <summary>
/// The browser app sending its email through a real SMTP server started for the test, and reached at
/// http://localhost:port (App:PublicUrl): passkeys need a host name (WebAuthn refuses an IP address as
/// the relying party), and email links lead there too.
/// </summary>
public class MailBrowserApp : BrowserApp
{
    public SmtpCapture Smtp { get; } = new();

    public Uri PublicUrl => new($"http://localhost:{FirstPort}");

    protected override Uri PageBase(int instance) => instance == 0 ? PublicUrl : base.PageBase(instance);

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["Email__Smtp__Host"] = "127.0.0.1";
        settings["Email__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email__Smtp__Security"] = "None";
        settings["App__PublicUrl"] = PublicUrl.ToString().TrimEnd('/');
    }

    protected override async Task<string> CreateDatabaseAsync()
    {
        await Smtp.StartAsync();
        return await base.CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
