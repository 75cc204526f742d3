using System.Net;
using System.Security.Cryptography;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Account;

/// <summary>
/// The app as its own process in Production, reached as through a TLS-terminating proxy on
/// loopback (X-Forwarded-Proto: https, which it believes from loopback), with App:PublicUrl set.
/// </summary>
public sealed class PublicAppProcess : IAsyncLifetime
{
    public const string PublicUrl = "https://tasks.example.test";

    private readonly PostgresDatabase database = new();

    public AppProcess App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        App = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["App__PublicUrl"] = PublicUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed class BrowserCookieTests(PublicAppProcess server) : IClassFixture<PublicAppProcess>
{
    private readonly HttpClient client = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.App.BaseAddress };

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookies = null, bool https = true, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (https)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return client.SendAsync(request);
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static string Pair(string setCookie) => setCookie.Split(';')[0];

    /// <summary>Signs up through the form over HTTPS; the session cookie that came back.</summary>
    private async Task<(HttpResponseMessage Response, string Antiforgery)> PostFormAsync(string path, string form, Dictionary<string, string> fields)
    {
        var page = await SendAsync(HttpMethod.Get, path);
        var antiforgery = Pair(SetCookie(page, "__Host-taskboard.antiforgery"));
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        return (await SendAsync(HttpMethod.Post, path, antiforgery, content: new FormUrlEncodedContent(fields)), antiforgery);
    }

    private static string AntiforgeryToken(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task OverHttpsBothCookiesAreSecureAndHostOnlyAndPlainCopiesAreIgnored()
    {
        var page = await SendAsync(HttpMethod.Get, "/signin");
        var antiforgery = SetCookie(page, "__Host-taskboard.antiforgery");
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", antiforgery, StringComparison.OrdinalIgnoreCase);

        var (signUp, _) = await PostFormAsync("/signup", "signup", new()
        {
            ["Input.Name"] = "Cookie",
            ["Input.Email"] = $"cookie-{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = "a long cookie passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var session = SetCookie(signUp, "__Host-taskboard.session");
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(signUp.Headers.GetValues("Set-Cookie"), c => c.StartsWith("taskboard.session=", StringComparison.Ordinal));

        var board = await SendAsync(HttpMethod.Get, "/", Pair(session));
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        // The same value under the plain name, as a cookie planted by a subdomain or over HTTP, does not sign anyone in.
        var planted = await SendAsync(HttpMethod.Get, "/", Pair(session).Replace("__Host-", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, planted.StatusCode);
    }

    [Fact]
    public async Task OverPlainHttpTheAntiforgeryCookieKeepsItsPlainName()
    {
        var page = await SendAsync(HttpMethod.Get, "/signin", https: false);

        Assert.DoesNotContain("secure", SetCookie(page, "taskboard.antiforgery"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/%E2%9C%93")]          // ✓: not ASCII
    [InlineData("/board%0d%0aX-Evil:1")] // a header break
    [InlineData("/\\\\evil.example")]     // a backslash browsers read as a slash
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    public async Task AnOddReturnAddressLeadsToTheBoardAfterSignIn(string returnUrl)
    {
        var email = $"return-{Guid.NewGuid():N}@example.test";
        var (signUp, _) = await PostFormAsync("/signup", "signup", new() { ["Input.Name"] = "R", ["Input.Email"] = email, ["Input.Password"] = "a long return passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);

        var (signIn, _) = await PostFormAsync($"/signin?returnUrl={returnUrl}", "signin", new() { ["Input.Email"] = email, ["Input.Password"] = "a long return passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal($"{PublicAppProcess.PublicUrl}/", signIn.Headers.Location?.ToString());
    }

    [Fact]
    public async Task ALocalReturnAddressIsKept()
    {
        var email = $"return-{Guid.NewGuid():N}@example.test";
        await PostFormAsync("/signup", "signup", new() { ["Input.Name"] = "R", ["Input.Email"] = email, ["Input.Password"] = "a long return passphrase" });

        var (signIn, _) = await PostFormAsync("/signin?returnUrl=%2Faccount%3Ftab%3D2", "signin", new() { ["Input.Email"] = email, ["Input.Password"] = "a long return passphrase" });

        Assert.Equal($"{PublicAppProcess.PublicUrl}/account?tab=2", signIn.Headers.Location?.ToString());
    }

    [Fact]
    public async Task RedirectsPointAtThePublicUrlWhateverHostTheRequestNamed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{PublicAppProcess.PublicUrl}/signin?returnUrl=%2Faccount", response.Headers.Location?.ToString());
    }
}

/// <summary>Without App:PublicUrl a redirect is relative, so it still never names the Host a request made up.</summary>
public sealed class RelativeRedirectTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task ARedirectNeverEchoesTheHostHeader()
    {
        using var client = app.BrowserClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Faccount", response.Headers.Location?.OriginalString);
    }
}
