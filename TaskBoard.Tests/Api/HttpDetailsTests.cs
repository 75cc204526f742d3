using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Api;

/// <summary>The app with one browser origin allowed to call the API.</summary>
public sealed class CorsApp : ApiApp
{
    public const string Origin = "https://app.example.test";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Cors:AllowedOrigins:0"] = Origin;
        return settings;
    }
}

/// <summary>The HTTP details generic clients expect: HEAD, CORS, rate-limit headers, Link, media types, one timestamp precision.</summary>
public sealed partial class HttpDetailsTests(CorsApp app) : IClassFixture<CorsApp>
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex Microseconds();

    private static async Task<JsonElement> CreateAsync(HttpClient client, string title)
    {
        using var response = await client.PostAsJsonAsync("/api/tasks", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task HeadAnswersEveryGetRouteWithItsHeadersAndNoBody()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var task = await CreateAsync(client, "Headed");

        foreach (var path in new[] { $"/api/tasks/{task.GetProperty("id")}", "/api/tasks", "/api/sessions", "/api/auth/session", "/health/ready" })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        using var one = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/tasks/{task.GetProperty("id")}"));
        Assert.Equal($"\"{task.GetProperty("version")}\"", one.Headers.ETag!.Tag);
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/tasks/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnAllowedOriginGetsPreflightAndExposedHeadersButNeverCredentials()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/tasks/0193a6c0-0000-7000-8000-000000000000");
        preflight.Headers.Add("Origin", CorsApp.Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, if-match");

        using var answer = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(CorsApp.Origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PATCH", answer.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));

        var get = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        get.Headers.Add("Origin", CorsApp.Origin);
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        using var listed = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var exposed = string.Join(",", listed.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "ETag", "Location", "Retry-After", "Link", "RateLimit", "RateLimit-Policy" })
        {
            Assert.Contains(header, exposed);
        }

        var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        foreign.Headers.Add("Origin", "https://evil.example.test");
        foreign.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        using var refused = await client.SendAsync(foreign);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ApiResponsesCarryTheRateLimitHeadersOfEveryLimitTheyCountAgainst()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        using var first = await client.GetAsync("/api/tasks");
        using var second = await client.GetAsync("/api/tasks");

        var policy = string.Join(", ", second.Headers.GetValues("RateLimit-Policy"));
        Assert.Contains("\"client\";q=1000000;w=60", policy);
        Assert.Contains("\"user\";q=100000;w=60", policy);
        int Remaining(HttpResponseMessage response) => int.Parse(
            Regex.Match(string.Join(", ", response.Headers.GetValues("RateLimit")), "\"user\";r=(\\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Remaining(first) - 1, Remaining(second));
    }

    [Fact]
    public async Task APageWithMoreAfterItLinksToTheNextOneWithTheSameFilters()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        foreach (var title in new[] { "One", "Two", "Three" })
        {
            await CreateAsync(client, title);
        }

        var board = await DefaultBoard.ReadAsync(client);
        var titles = new List<string>();
        var next = $"/api/tasks?limit=2&columnId={board.Todo}";
        while (next is not null)
        {
            using var page = await client.GetAsync(next);
            var body = await page.Content.ReadFromJsonAsync<JsonElement>();
            titles.AddRange(body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()!));
            var link = page.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            Assert.Equal(body.GetProperty("nextCursor").ValueKind == JsonValueKind.Null, link is null);
            next = link is null ? null : Regex.Match(link, "^<([^>]+)>; rel=\"next\"$").Groups[1].Value;
            Assert.True(next is null || next.Contains($"columnId={board.Todo}", StringComparison.Ordinal), link);
        }

        Assert.Equal(["One", "Two", "Three"], titles);
    }

    [Fact]
    public async Task JsonMergePatchIsTakenOnPatchOnlyAndOtherMediaTypesAre415()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var task = await CreateAsync(client, "Merge me");
        var path = $"/api/tasks/{task.GetProperty("id")}";

        using var merged = await client.PatchAsync(path, new StringContent("{\"priority\":\"low\"}", Encoding.UTF8, "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        using var created = await client.PostAsync("/api/tasks", new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "application/merge-patch+json"));
        using var text = await client.PostAsync("/api/tasks", new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "text/plain"));
        using var signIn = await client.PostAsync("/api/auth/sign-in", new StringContent("{}", Encoding.UTF8, "application/merge-patch+json"));
        foreach (var response in new[] { created, text, signIn })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("unsupported_media_type", await Problems.CodeAsync(response));
        }
    }

    [Fact]
    public async Task EveryBadQueryParameterIsReportedAtOnce()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        using var response = await client.GetAsync("/api/tasks?limit=0&columnId=nope&completed=maybe&boardId=1&cursor=garbage&due=later&tz=Mars%2FOlympus");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["boardId", "columnId", "completed", "cursor", "due", "limit", "tz"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryTimestampHasMicroseconds()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var task = await CreateAsync(client, "Timed");
        using var tokenResponse = await client.PostAsJsonAsync("/api/tokens", new { name = "t", expiresInDays = 3 });
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        var sessions = await client.GetFromJsonAsync<JsonElement>("/api/sessions");

        var stamps = new[] { task.GetProperty("createdAt"), task.GetProperty("updatedAt"), token.GetProperty("session").GetProperty("createdAt"),
            token.GetProperty("session").GetProperty("expiresAt") }
            .Concat(sessions.EnumerateArray().SelectMany(s => new[] { s.GetProperty("createdAt"), s.GetProperty("lastSeenAt"), s.GetProperty("expiresAt") }));
        Assert.All(stamps, s => Assert.Matches(Microseconds(), s.GetString()!));
    }
}
