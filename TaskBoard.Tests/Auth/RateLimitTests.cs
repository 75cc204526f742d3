using System.Net;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>The app with small limits, to reach them quickly.</summary>
public sealed class LowRateLimitApp : ApiApp
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["RateLimits:Client:PermitLimit"] = "1000",
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
        // The window started with the sign-up moments ago: the wait is what is left of its ten minutes.
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

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

/// <summary>Four password submissions per client per window, whichever way they come.</summary>
public sealed class LowPasswordLimitApp : ApiApp
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["RateLimits:Client:PermitLimit"] = "1000",
        ["RateLimits:Auth:PermitLimit"] = "4",
        ["RateLimits:Auth:Window"] = "00:10:00",
        ["RateLimits:Api:PermitLimit"] = "1000",
    };
}

public sealed class PasswordFormLimitTests(LowPasswordLimitApp app) : IClassFixture<LowPasswordLimitApp>
{
    [Fact]
    public async Task TheBrowserFormsShareOnePerClientLimitWithTheApiAndSayWhyWhenItIsReached()
    {
        var account = await app.SignUpAsync(); // 1: API sign-up
        using var browser = app.BrowserClient();
        var signIn = new Uri("/signin", UriKind.Relative);

        var wrong = await BrowserForms.SignInAsync(browser, signIn, account.Email, "not the password"); // 2: form
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("That email and password do not match an account.", BrowserForms.Error(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserForms.SignUpAsync(browser, new Uri("/signup", UriKind.Relative),
            $"form-{Guid.NewGuid():N}@example.test", "a long form passphrase")).StatusCode); // 3: form sign-up
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode); // 4: API

        using var stranger = app.BrowserClient();
        var limited = await BrowserForms.SignInAsync(stranger, signIn, account.Email, account.Password); // 5: refused
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Matches("^Too many requests from here\\. Try again in 10 minutes\\.$", BrowserForms.Error(await limited.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(limited.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("taskboard.session", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await BrowserForms.SignUpAsync(stranger, new Uri("/signup", UriKind.Relative),
            $"form-{Guid.NewGuid():N}@example.test", "a long form passphrase")).StatusCode);
    }
}

/// <summary>Thirty requests per client per window on /api, before any token is looked at.</summary>
public sealed class LowClientLimitApp : ApiApp
{
    protected override Dictionary<string, string?> Settings() => new()
    {
        ["RateLimits:Client:PermitLimit"] = "30",
        ["RateLimits:Client:Window"] = "00:10:00",
        ["RateLimits:Auth:PermitLimit"] = "1000",
        ["RateLimits:Api:PermitLimit"] = "1000",
    };
}

public sealed class RejectedTokenFloodTests(LowClientLimitApp app) : IClassFixture<LowClientLimitApp>
{
    [Fact]
    public async Task AFloodWithARevokedTokenIsLimitedBeforeAuthenticationAndAuditedOnce()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add((await client.GetAsync("/api/tasks")).StatusCode);
        }

        Assert.Equal(28, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(72, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.UserId == account.UserId && e.Kind == AuditKinds.TokenRejected));
    }
}
