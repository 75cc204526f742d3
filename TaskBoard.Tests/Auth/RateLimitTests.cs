using System.Net;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>The app with small limits, to reach them quickly.</summary>
public sealed class LowRateLimitApp : ApiApp
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["RateLimits:Auth:PermitLimit"] = "4",
        ["RateLimits:Auth:Window"] = "00:10:00",
        ["RateLimits:Api:PermitLimit"] = "3",
        ["RateLimits:Api:Window"] = "00:10:00",
    };
}

public sealed class RateLimitTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task AuthEndpointsAreLimitedPerClientAndSay429WithRetryAfter()
    {
        // The sign-up is the first of the four requests this client may make to /api/auth in the window.
        var account = await app.SignUpAsync();
        var responses = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            responses.Add(await app.SignInAsync(account.Email, account.Password));
        }

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var limited = responses[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limited", await Problems.CodeAsync(limited));
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        // The per-user API limit is a separate budget: three calls, then 429.
        using var client = app.Client(account.Token);
        var api = new List<HttpStatusCode>();
        for (var call = 0; call < 4; call++)
        {
            api.Add((await client.GetAsync("/api/sessions")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], api);
    }
}
