using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

/// <summary>
/// A seeded generator of malformed and hostile requests against every task endpoint. None may
/// produce a 5xx; every refusal is problem+json with a code; whatever is accepted reads back verbatim.
/// </summary>
public sealed class HostileInputTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const int RequestCount = 2400;

    private static readonly string[] Payloads =
    [
        "' OR '1'='1", "'; DROP TABLE task; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)--", "admin'--", "%27%20OR%201%3D1",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x/a}",
        "../../../../etc/passwd", "\u0000", "nul\u0000inside", "\u001b[31mred", "\ud800", "\udc00lone", "🙂", "\u202eevil",
        "", " ", "null", "true", "NaN", "-1", "1e309", new string('a', 201), new string('b', 10_001), new string('é', 5000),
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e308", "-1e308", "99999999999999999999999999", "\"\"", "\"x\"", "[]", "{}",
        "[\"a\",1]", "{\"a\":{\"b\":[]}}", "\"todo\"", "\"DONE\"", "\"in-progress\"", "\"urgent \"", "\"2026-13-45\"", "\"yesterday\"",
        "\"\\ud800 lone surrogate\"", "\"nul \\u0000 escaped\"", "\"\\udfff\\ud800\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2026-03-01T25:61:61\"", "[" + string.Join(",", Enumerable.Repeat("\"t\"", 50)) + "]",
    ];

    private static readonly string[] Fields =
        ["title", "description", "boardId", "columnId", "priority", "dueAt", "tags", "completed", "id", "userId", "version", "position", "status", "Title", "", "__proto__"];

    private static readonly string[] QueryNames = ["boardId", "columnId", "completed", "priority", "tag", "q", "due", "sort", "limit", "cursor", "tz"];

    [Fact]
    public async Task ThousandsOfMalformedRequestsGetNoServerErrorAndAcceptedStringsReadBackVerbatim()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var created = await client.PostAsJsonAsync("/api/tasks", new { title = $"target {i}" });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var board = await DefaultBoard.ReadAsync(client);
        Guid[] columns = [board.Todo, board.Doing, board.Done];
        var random = new Random(20261124);
        var requests = Enumerable.Range(0, RequestCount).Select(_ => Generate(random, ids, columns)).ToList();
        var failures = new List<string>();
        var accepted = new List<(string Title, JsonElement Task)>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (generated, _) =>
        {
            using var request = generated.Build();
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            lock (failures)
            {
                if (status >= 500)
                {
                    failures.Add($"{status} for {generated}: {body}");
                }
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{status} without problem+json for {generated}");
                }
                else if (status is 200 or 201 && generated.Title is { } title && request.Method != HttpMethod.Get)
                {
                    accepted.Add((title, JsonDocument.Parse(body).RootElement.Clone()));
                }
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(10))}");
        foreach (var (title, task) in accepted)
        {
            Assert.Equal(title, task.GetProperty("title").GetString());
            var stored = await client.GetAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}");
            if (stored.IsSuccessStatusCode)
            {
                Assert.Equal(title, (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
            }
        }

        Assert.True(accepted.Count > 50, $"only {accepted.Count} generated requests were valid; the generator should also produce valid ones");
    }

    [Fact]
    public async Task HostileAuthBodiesGetNoServerError()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var random = new Random(7);
        string[] paths = ["/api/auth/sign-in", "/api/auth/sign-up", "/api/auth/password", "/api/tokens"];
        string[] names = ["email", "password", "name", "currentPassword", "newPassword", "expiresInDays", "extra"];
        var failures = new List<string>();
        for (var i = 0; i < 160; i++)
        {
            var fields = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                $"{JsonSerializer.Serialize(Pick(random, names))}:{(random.Next(2) == 0 ? Pick(random, JsonValues) : JsonSerializer.Serialize(Pick(random, Payloads)))}");
            var body = Mangle(random, "{" + string.Join(",", fields) + "}");
            var path = Pick(random, paths);
            var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            if ((int)response.StatusCode >= 500 || (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{(int)response.StatusCode} for {path} {body[..Math.Min(body.Length, 160)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>One generated request. <see cref="Title"/> is the title it sets, when it sets one as a plain JSON string.</summary>
    private sealed record Generated(HttpMethod Method, string Url, string? Body, string ContentType, string? IfMatch, string? Title)
    {
        public HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(Method, Url);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            if (IfMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
            }

            return request;
        }

        public override string ToString() => $"{Method} {Url[..Math.Min(Url.Length, 120)]} [{ContentType}] {Body?[..Math.Min(Body.Length, 160)]}";
    }

    private static Generated Generate(Random random, List<Guid> ids, Guid[] columns)
    {
        var id = random.Next(6) == 0 ? Guid.NewGuid() : ids[random.Next(ids.Count)];
        var target = random.Next(12) switch
        {
            0 => $"/api/tasks/{Pick(random, ["abc", "0", "-1", "00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc", new string('f', 300)])}",
            _ => $"/api/tasks/{id}",
        };
        var contentType = random.Next(10) switch
        {
            0 => Pick(random, ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "", "application/json; charset=latin1"]),
            _ => "application/json",
        };
        var ifMatch = random.Next(8) == 0 ? Pick(random, ["\"1\"", "*", "W/\"1\"", "garbage", "\"99999999999\"", "\"1\", \"2\""]) : null;

        switch (random.Next(6))
        {
            case 0:
                return new Generated(HttpMethod.Get, "/api/tasks?" + Query(random), null, contentType, null, null);
            case 1:
                var (createBody, createTitle) = Body(random, create: true);
                return new Generated(HttpMethod.Post, "/api/tasks", createBody, contentType, null, contentType == "application/json" ? createTitle : null);
            case 2:
                var (patchBody, patchTitle) = Body(random, create: false);
                return new Generated(HttpMethod.Patch, target, patchBody, contentType, ifMatch, contentType == "application/json" ? patchTitle : null);
            case 3:
                var (putBody, putTitle) = Body(random, create: true);
                return new Generated(HttpMethod.Put, target, putBody, contentType, ifMatch, contentType == "application/json" ? putTitle : null);
            case 4:
                var move = $"{{\"columnId\":{Pick(random, [.. JsonValues, $"\"{Guid.NewGuid()}\"", .. columns.Select(c => $"\"{c}\"")])},\"beforeId\":{Pick(random, ["null", $"\"{ids[random.Next(ids.Count)]}\"", "\"x\"", "5", "[]"])},"
                    + $"\"afterId\":{Pick(random, ["null", $"\"{Guid.NewGuid()}\"", "{}", "\"\""])}}}";
                return new Generated(HttpMethod.Post, $"{target}/move", Mangle(random, move), contentType, ifMatch, null);
            default:
                return new Generated(random.Next(2) == 0 ? HttpMethod.Delete : HttpMethod.Get, target, null, contentType, ifMatch, null);
        }
    }

    /// <summary>A task body: usually a mix of valid and hostile fields, sometimes broken JSON.</summary>
    private static (string Body, string? Title) Body(Random random, bool create)
    {
        var fields = new List<string>();
        string? title = null;
        if (create || random.Next(2) == 0)
        {
            if (random.Next(3) == 0)
            {
                fields.Add($"\"title\":{Pick(random, JsonValues)}");
            }
            else
            {
                // The serializer replaces a lone surrogate with U+FFFD, so the title sent is what the JSON says.
                var serialized = JsonSerializer.Serialize(Pick(random, Payloads));
                title = JsonSerializer.Deserialize<string>(serialized);
                fields.Add($"\"title\":{serialized}");
            }
        }

        // Two thirds carry only a title, so a good share of the load is valid and checked for verbatim storage.
        for (var i = random.Next(3) == 0 ? random.Next(1, 4) : 0; i > 0; i--)
        {
            var field = Pick(random, Fields);
            var value = random.Next(2) == 0 ? Pick(random, JsonValues) : JsonSerializer.Serialize(Pick(random, Payloads));
            fields.Add($"{JsonSerializer.Serialize(field)}:{value}");
        }

        var json = "{" + string.Join(",", fields) + "}";
        var mangled = Mangle(random, json);
        return (mangled, mangled == json ? title : null);
    }

    /// <summary>Sometimes breaks the JSON: truncation, stray bytes, wrong nesting, deep nesting.</summary>
    private static string Mangle(Random random, string json) => random.Next(12) switch
    {
        0 => json[..random.Next(json.Length)],
        1 => json.Insert(random.Next(json.Length), Pick(random, ["\u0000", "}", "{", "\"", ",", "\\", "\ud800", "\u00ff"])),
        2 => "[" + json + "]",
        3 => new string('[', random.Next(30, 200)) + new string(']', random.Next(0, 200)),
        _ => json,
    };

    private static string Query(Random random)
    {
        var parts = new List<string>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var value = random.Next(3) switch
            {
                0 => Pick(random, Payloads),
                1 => Pick(random, ["todo", "done,in_progress", "urgent", "overdue", "week", "title", "200", "201", "0", "-5", "1e3",
                    "99999999999999999999", "Europe/Berlin", "../../etc", "eyJzIjoyLCJpIjoiMDAwIn0", "bm90IGpzb24", new string('x', 3000)]),
                _ => new string((char)random.Next(1, 0xD7FF), random.Next(1, 20)),
            };
            parts.Add($"{Pick(random, QueryNames)}={Uri.EscapeDataString(value.Replace("\ud800", "x").Replace("\udc00", "x"))}");
        }

        return string.Join("&", parts);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
