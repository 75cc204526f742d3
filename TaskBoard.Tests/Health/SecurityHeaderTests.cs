using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Health;

public sealed class SecurityHeaderTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("/signin", true)]
    [InlineData("/signup", true)]
    [InlineData("/api/tasks", true)]
    [InlineData("/app.js", false)]
    public async Task ResponsesCarryTheBrowserProtections(string path, bool noStore)
    {
        using var client = app.Client();

        var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(noStore, response.Headers.CacheControl?.NoStore == true);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndSameSiteLax()
    {
        var account = await app.SignUpAsync();
        // Keeps cookies (for the antiforgery pair) but stops at the redirect that sets the session cookie.
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password,
        }));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("taskboard.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
