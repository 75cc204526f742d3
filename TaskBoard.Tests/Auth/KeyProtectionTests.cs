using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Serilog.Core;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>
/// With <c>DataProtection:CertificatePath</c>, the cookie keys in the database are encrypted, so a
/// copy of the database alone cannot forge a cookie; cookies still survive a restart.
/// </summary>
public sealed class KeyProtectionTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("tb-keys-").FullName;
    private readonly PostgresDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private (string Pfx, string Pem) WriteCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=TaskBoard data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var pfx = Path.Combine(folder, "keys.pfx");
        var pem = Path.Combine(folder, "keys.pem");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, password));
        File.WriteAllText(pem, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        return (pfx, pem);
    }

    private TaskBoardFactory App(Dictionary<string, string?> extra, ILogEventSink? log = null)
    {
        extra["ConnectionStrings:Postgres"] = database.ConnectionString;
        extra["Auth:Jwt:Secret"] = "a test secret that is long enough for hs256";
        return log is null ? new TaskBoardFactory(extra) : new TaskBoardFactory(extra, s => s.AddSingleton(log));
    }

    private static async Task<string> SignUpCookieAsync(TaskBoardFactory app)
    {
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var signUp = await BrowserForms.SignUpAsync(browser, new Uri("/signup", UriKind.Relative), $"keys-{Guid.NewGuid():N}@example.test", "a long keys passphrase");
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        return signUp.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-taskboard.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> BoardStatusAsync(TaskBoardFactory app, string cookie)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    [Theory]
    [InlineData("pfx", "a pfx password")]
    [InlineData("pem", "")]
    public async Task WithACertificateTheStoredKeysAreEncryptedAndCookiesSurviveARestart(string format, string password)
    {
        var (pfx, pem) = WriteCertificate(password);
        var settings = () => new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = format == "pfx" ? pfx : pem,
            ["DataProtection:CertificatePassword"] = password,
        };

        string cookie;
        await using (var first = App(settings()))
        {
            cookie = await SignUpCookieAsync(first);
        }

        var keys = await StoredKeysAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml.Replace("<encryptedSecret", "", StringComparison.Ordinal));
        });

        await using var restarted = App(settings());
        Assert.Equal(HttpStatusCode.OK, await BoardStatusAsync(restarted, cookie));
    }

    [Fact]
    public async Task InProductionWithoutACertificateStartupSaysTheKeysAreUnprotected()
    {
        var log = new LogCapture();
        await using var app = App(new Dictionary<string, string?> { ["environment"] = "Production", ["Shutdown:DrainDelay"] = "00:00:00" }, log);

        _ = app.Server;

        Assert.Contains("DataProtection:CertificatePath is not set", log.Text);
    }
}
