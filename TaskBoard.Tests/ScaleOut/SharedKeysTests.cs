using System.Net;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.ScaleOut;

/// <summary>
/// Two app instances (separate processes with separate home folders, so no shared key files) on one
/// PostgreSQL database: data-protection keys live in the database, so one instance's cookies and
/// antiforgery tokens work on the other.
/// </summary>
public sealed class SharedKeysTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private Dictionary<string, string> Instance(string home, string secret) => new()
    {
        ["ConnectionStrings__Postgres"] = database.ConnectionString,
        ["Auth__Jwt__Secret"] = secret,
        ["HOME"] = home,
    };

    [Fact]
    public async Task ACookieAndAnAntiforgeryTokenFromOneInstanceWorkOnAnother()
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var homes = new[] { Directory.CreateTempSubdirectory("tb-home-a-").FullName, Directory.CreateTempSubdirectory("tb-home-b-").FullName };
        try
        {
            await using var first = await AppProcess.StartAsync(Instance(homes[0], secret));
            await using var second = await AppProcess.StartAsync(Instance(homes[1], secret));
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
            var email = $"keys-{Guid.NewGuid():N}@example.test";

            // Sign up on the first instance.
            var signUp = await BrowserForms.SignUpAsync(client, new Uri(first.BaseAddress, "/signup"), email, "a long shared-keys passphrase", "Keys");
            Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);

            // The session cookie it issued opens the board on the second instance. It is Secure outside
            // Development, which a cookie container keeps off plain HTTP, so it is sent as a browser on HTTPS would.
            var sessionCookie = signUp.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("taskboard.session=", StringComparison.Ordinal));
            Assert.Contains("secure", sessionCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", sessionCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", sessionCookie, StringComparison.OrdinalIgnoreCase);
            using var browser = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
            using var boardRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(second.BaseAddress, "/"));
            boardRequest.Headers.Add("Cookie", sessionCookie.Split(';')[0]);
            var board = await browser.SendAsync(boardRequest);
            Assert.Equal(HttpStatusCode.OK, board.StatusCode);
            Assert.Contains("<title>My tasks · TaskBoard</title>", await board.Content.ReadAsStringAsync());

            // An antiforgery token from the first instance is accepted by the second.
            using var fresh = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
            var token = await BrowserForms.AntiforgeryTokenAsync(fresh, new Uri(first.BaseAddress, "/signin"));
            var signIn = await fresh.PostAsync(new Uri(second.BaseAddress, "/signin"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = "a long shared-keys passphrase",
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/", signIn.Headers.Location?.OriginalString); // a refused antiforgery token would be a 400
        }
        finally
        {
            foreach (var home in homes)
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }
}
