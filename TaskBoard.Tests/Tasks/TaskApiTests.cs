using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Tasks;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Tasks;

/// <summary>The /api/tasks contract: columns, ETags, preconditions, paging, and every kind of error.</summary>
public sealed class TaskApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/tasks", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : Json(json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task CreateAnswers201WithLocationAndETagAndTheLocationResolves()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var board = await DefaultBoard.ReadAsync(client);

        var response = await client.PostAsJsonAsync("/api/tasks",
            new { title = "Write the report", description = "Q1", columnId = board.Doing, priority = "high", dueAt = "2026-03-01T17:00:00+01:00", tags = new[] { "work" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((board.Id, board.Doing, "high", "2026-03-01T16:00:00.000000Z", false),
            (created.GetProperty("boardId").GetGuid(), created.GetProperty("columnId").GetGuid(), created.GetProperty("priority").GetString(),
             created.GetProperty("dueAt").GetString(), created.GetProperty("completed").GetBoolean()));
        Assert.False(created.TryGetProperty("userId", out _));

        var fetched = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(created.GetRawText(), (await fetched.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
    }

    [Fact]
    public async Task TheETagChangesOnEveryWriteAndNeverOtherwise()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var id = (await CreateAsync(client, new { title = "Tracked" })).GetProperty("id").GetGuid();
        var url = $"/api/tasks/{id}";
        var board = await DefaultBoard.ReadAsync(client);
        async Task<string> ETag() => (await client.GetAsync(url)).Headers.ETag!.ToString();

        var seen = new List<string> { await ETag() };
        Assert.Equal(seen[^1], await ETag()); // reading changes nothing

        await SendAsync(client, HttpMethod.Patch, url, """{"title":"Tracked"}"""); // no change, no write
        Assert.Equal(seen[^1], await ETag());

        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Patch, url, """{"title":"Renamed"}"""),
            (HttpMethod.Patch, url, """{"completed":true}"""),
            (HttpMethod.Put, url, """{"title":"Replaced","priority":"low"}"""),
            (HttpMethod.Post, $"{url}/move", $$"""{"columnId":"{{board.Doing}}"}"""),
        })
        {
            var response = await SendAsync(client, method, path, body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = response.Headers.ETag!.ToString();
            Assert.DoesNotContain(etag, seen);
            Assert.Equal(etag, await ETag());
            seen.Add(etag);
        }
    }

    [Fact]
    public async Task IfNoneMatchWithTheCurrentETagAnswers304()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var id = (await CreateAsync(client, new { title = "Cached" })).GetProperty("id").GetGuid();

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{id}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));
        var notModified = await client.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{id}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0\""));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("\"1\"", notModified.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task AStaleIfMatchIsRefusedWith412AndChangesNothing(string method)
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var id = (await CreateAsync(client, new { title = "Contended" })).GetProperty("id").GetGuid();
        var url = $"/api/tasks/{id}";
        await SendAsync(client, HttpMethod.Patch, url, """{"title":"Changed elsewhere"}""");
        var before = await client.GetStringAsync(url);
        var body = method == "DELETE" ? null : """{"title":"My stale change"}""";

        foreach (var ifMatch in new[] { "\"1\"", "W/\"2\"", "garbage" })
        {
            var response = await SendAsync(client, new HttpMethod(method), url, body, ifMatch);
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            Assert.Equal("precondition_failed", await Problems.CodeAsync(response));
            Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        }

        Assert.Equal(before, await client.GetStringAsync(url));
        var current = await SendAsync(client, new HttpMethod(method), url, body, "\"2\"");
        Assert.True(current.IsSuccessStatusCode);
    }

    [Fact]
    public async Task PutReplacesEveryFieldAndPatchOnlyTheOnesGiven()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var id = (await CreateAsync(client, new { title = "Full", description = "d", priority = "urgent", tags = new[] { "x" }, dueAt = "2026-05-01" }))
            .GetProperty("id").GetGuid();

        var patched = await (await SendAsync(client, HttpMethod.Patch, $"/api/tasks/{id}", """{"priority":"low"}""")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("low", "d", 1), (patched.GetProperty("priority").GetString(), patched.GetProperty("description").GetString(), patched.GetProperty("tags").GetArrayLength()));

        var replaced = await (await SendAsync(client, HttpMethod.Put, $"/api/tasks/{id}", """{"title":"Only a title"}""")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Only a title", "none", 0, JsonValueKind.Null, JsonValueKind.Null),
            (replaced.GetProperty("title").GetString(), replaced.GetProperty("priority").GetString(), replaced.GetProperty("tags").GetArrayLength(),
             replaced.GetProperty("description").ValueKind, replaced.GetProperty("dueAt").ValueKind));
    }

    [Fact]
    public async Task ADueDateIsACalendarDayAndADueTimeAnInstant()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        var day = await CreateAsync(client, new { title = "Day", dueDate = "2026-05-01" });
        Assert.Equal(("2026-05-01", JsonValueKind.Null), (day.GetProperty("dueDate").GetString(), day.GetProperty("dueAt").ValueKind));
        // A date alone in dueAt means the same day (older clients send it there).
        var dayInDueAt = await CreateAsync(client, new { title = "Also a day", dueAt = "2026-05-01" });
        Assert.Equal(("2026-05-01", JsonValueKind.Null), (dayInDueAt.GetProperty("dueDate").GetString(), dayInDueAt.GetProperty("dueAt").ValueKind));
        var timed = await CreateAsync(client, new { title = "Timed", dueAt = "2026-05-01T17:00:00+02:00" });
        Assert.Equal(("2026-05-01T15:00:00.000000Z", JsonValueKind.Null), (timed.GetProperty("dueAt").GetString(), timed.GetProperty("dueDate").ValueKind));

        // Switching a task from a day to a time and back, and clearing it.
        var url = $"/api/tasks/{day.GetProperty("id").GetGuid()}";
        var toTime = await (await SendAsync(client, HttpMethod.Patch, url, """{"dueAt":"2026-05-02T09:00:00Z"}""")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2026-05-02T09:00:00.000000Z", JsonValueKind.Null), (toTime.GetProperty("dueAt").GetString(), toTime.GetProperty("dueDate").ValueKind));
        var toDay = await (await SendAsync(client, HttpMethod.Patch, url, """{"dueDate":"2026-05-03"}""")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2026-05-03", JsonValueKind.Null), (toDay.GetProperty("dueDate").GetString(), toDay.GetProperty("dueAt").ValueKind));
        var cleared = await (await SendAsync(client, HttpMethod.Patch, url, """{"dueDate":null}""")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (cleared.GetProperty("dueDate").ValueKind, cleared.GetProperty("dueAt").ValueKind));

        foreach (var bad in new[] { """{"title":"x","dueDate":"2026-02-30"}""", """{"title":"x","dueDate":"2026-05-01T10:00:00Z"}""",
                                    """{"title":"x","dueDate":"2026-05-01","dueAt":"2026-05-01T10:00:00Z"}""" })
        {
            var response = await client.PostAsync("/api/tasks", Json(bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validation_failed", await Problems.CodeAsync(response));
        }
    }

    /// <summary>
    /// Kiritimati (UTC+14) is always exactly one calendar day ahead of Honolulu (UTC−10), so these hold
    /// at any moment: the day that is today on Kiritimati is tomorrow in Honolulu, and Honolulu's today is
    /// already over (overdue) on Kiritimati.
    /// </summary>
    [Fact]
    public async Task TheDueFilterReadsDaysInTheZoneAsked()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var kiritimati = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var honolulu = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Honolulu");

        async Task<string[]> TitlesAsync(string query)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/tasks?{query}");
            return [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).Order()];
        }

        // Asked again if a midnight passed on Kiritimati while the test ran.
        for (var attempt = 0; ; attempt++)
        {
            var today = DueDates.Today(DateTime.UtcNow, kiritimati);
            Assert.Equal(today, DueDates.Today(DateTime.UtcNow, honolulu).AddDays(1));
            foreach (var task in (await client.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("items").EnumerateArray())
            {
                await client.DeleteAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}");
            }

            await CreateAsync(client, new { title = "kiritimati today", dueDate = today.ToString("yyyy-MM-dd") });
            await CreateAsync(client, new { title = "honolulu today", dueDate = today.AddDays(-1).ToString("yyyy-MM-dd") });
            var answers = new[]
            {
                await TitlesAsync("due=today&tz=Pacific/Kiritimati"), await TitlesAsync("due=overdue&tz=Pacific/Kiritimati"),
                await TitlesAsync("due=today&tz=Pacific/Honolulu"), await TitlesAsync("due=overdue&tz=Pacific/Honolulu"),
                await TitlesAsync("due=week&tz=Pacific/Honolulu"),
            };
            if (DueDates.Today(DateTime.UtcNow, kiritimati) != today && attempt == 0)
            {
                continue;
            }

            Assert.Equal(["kiritimati today"], answers[0]);
            Assert.Equal(["honolulu today"], answers[1]);
            Assert.Equal(["honolulu today"], answers[2]);
            Assert.Empty(answers[3]);
            Assert.Equal(["honolulu today", "kiritimati today"], answers[4]);
            return;
        }
    }

    [Fact]
    public async Task ServerOwnedFieldsAreRefusedNeverApplied()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var task = await CreateAsync(client, new { title = "Mine" });
        var url = $"/api/tasks/{task.GetProperty("id").GetGuid()}";

        foreach (var field in new[] { "id", "userId", "createdAt", "updatedAt", "completedAt", "version", "position" })
        {
            var value = field is "version" or "position" ? "99" : $"\"{Guid.NewGuid()}\"";
            var created = await client.PostAsync("/api/tasks", Json($$"""{"title":"Sneaky","{{field}}":{{value}}}"""));
            var patched = await SendAsync(client, HttpMethod.Patch, url, $$"""{"{{field}}":{{value}}}""");

            foreach (var response in new[] { created, patched })
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
            }
        }

        var page = await client.GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.Equal(task.GetRawText(), Assert.Single(page.GetProperty("items").EnumerateArray()).GetRawText());
    }

    [Fact]
    public async Task CursorPagesAreCompleteWithoutDuplicatesWhileTasksAreCreated()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var original = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            original.Add((await CreateAsync(client, new { title = $"task {i:D2}", priority = (i % 5) switch { 0 => "none", 1 => "low", 2 => "medium", 3 => "high", _ => "urgent" } }))
                .GetProperty("id").GetGuid());
        }

        foreach (var sort in new[] { "position", "due", "priority", "created", "title" })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            do
            {
                var url = $"/api/tasks?sort={sort}&limit=4" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var page = await client.GetFromJsonAsync<JsonElement>(url);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
                cursor = page.GetProperty("nextCursor").GetString();
                await CreateAsync(client, new { title = $"arrived during {sort}" });
            }
            while (cursor is not null);

            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.All(original, id => Assert.Contains(id, seen));
        }
    }

    [Fact]
    public async Task FiltersAndSortsAnswerExactlyWhatTheTaskServiceAnswers()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        var random = new Random(11);
        var board = await DefaultBoard.ReadAsync(client);
        Guid[] columns = [board.Todo, board.Doing, board.Done];
        string[] priorities = ["none", "low", "medium", "high", "urgent"];
        for (var i = 0; i < 30; i++)
        {
            await CreateAsync(client, new
            {
                title = $"item {(char)('a' + random.Next(26))}{i}",
                description = i % 4 == 0 ? "has the needle" : null,
                columnId = columns[random.Next(3)],
                priority = priorities[random.Next(5)],
                dueAt = random.Next(3) == 0 ? null : DateTime.UtcNow.AddDays(random.Next(-3, 10)).ToString("O"),
                tags = random.Next(2) == 0 ? new[] { "home" } : new[] { "work", "q1" },
            });
        }

        var service = app.Factory.Services.GetRequiredService<TaskService>();
        var cases = new (string Query, TaskQuery Expected)[]
        {
            ($"columnId={board.Todo},{board.Done}", new TaskQuery { ColumnIds = [board.Todo, board.Done] }),
            ($"columnId={board.Doing}&boardId={board.Id}", new TaskQuery { ColumnIds = [board.Doing], BoardId = board.Id }),
            ("completed=true&sort=title", new TaskQuery { Completed = true, Sort = TaskSort.Title }),
            ("completed=false", new TaskQuery { Completed = false }),
            ("priority=high&priority=urgent&sort=priority", new TaskQuery { Priorities = [TaskPriority.High, TaskPriority.Urgent], Sort = TaskSort.Priority }),
            ("tag=work&sort=title", new TaskQuery { Tag = "work", Sort = TaskSort.Title }),
            ("q=NEEDLE&sort=created", new TaskQuery { Text = "NEEDLE", Sort = TaskSort.Created }),
            ("due=overdue&sort=due", new TaskQuery { Due = DueWindow.Overdue, Sort = TaskSort.Due }),
            ("due=week&tz=Asia/Tokyo", new TaskQuery { Due = DueWindow.Week, TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo") }),
            ("due=none", new TaskQuery { Due = DueWindow.None }),
            ("sort=due", new TaskQuery { Sort = TaskSort.Due }),
        };

        foreach (var (query, expected) in cases)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/tasks?limit=200&{query}");
            var fromService = await service.ListAsync(account.UserId, expected with { Limit = 200 });
            Assert.Equal(fromService.Value!.Items.Select(t => t.Id), page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        }
    }

    public static TheoryData<string, string, string?, string?, int, string> Failures => new()
    {
        { "POST", "/api/tasks", "{\"title\": ", "application/json", 400, "malformed_request" },
        { "POST", "/api/tasks", "", "application/json", 400, "malformed_request" },
        { "POST", "/api/tasks", "[1,2,3]", "application/json", 400, "validation_failed" },
        { "POST", "/api/tasks", "{\"title\":\"x\"}", "text/plain", 415, "unsupported_media_type" },
        { "POST", "/api/tasks", "title=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type" },
        { "POST", "/api/tasks", "{\"title\":\"" + new string('x', 70_000) + "\"}", "application/json", 413, "payload_too_large" },
        { "POST", "/api/tasks", "{\"title\":\"\"}", "application/json", 400, "validation_failed" },
        { "GET", "/api/nothing-here", null, null, 404, "not_found" },
        { "GET", "/api/tasks/not-a-guid", null, null, 404, "not_found" },
        { "DELETE", "/api/tasks", null, null, 405, "method_not_allowed" },
        { "PATCH", "/api/tasks", "{}", "application/json", 405, "method_not_allowed" },
        { "GET", "/api/tasks?cursor=bm9wZQ", null, null, 400, "validation_failed" },
        { "GET", "/api/tasks?limit=0", null, null, 400, "validation_failed" },
        { "GET", "/api/tasks?limit=201", null, null, 400, "validation_failed" },
        { "GET", "/api/tasks?limit=ten", null, null, 400, "validation_failed" },
        { "GET", "/api/tasks?sort=random", null, null, 400, "validation_failed" },
        { "GET", "/api/tasks?tz=Mars/Olympus", null, null, 400, "validation_failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task EveryFailureIsProblemJsonWithAStableCodeAndNoInternals(string method, string url, string? body, string? contentType, int status, string code)
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, await Problems.CodeAsync(response));
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("SELECT", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text);
    }

    [Fact]
    public async Task ValidStringsAreStoredAndReturnedVerbatim()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);
        string[] titles =
        [
            "'; DROP TABLE task; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "Robert'); DELETE FROM users;--",
            "  spaced  ", "ünïcødé ✓ 漢字 🙂", "%s %d {0} ${x} {{y}}", "\\backslash\\ \"quoted\"", "1' OR '1'='1",
        ];

        foreach (var title in titles)
        {
            var description = $"line one\r\nline two\t{title}";
            var created = await CreateAsync(client, new { title, description, tags = new[] { title.Trim()[..Math.Min(title.Trim().Length, 40)] } });
            var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{created.GetProperty("id").GetGuid()}");
            Assert.Equal(title, fetched.GetProperty("title").GetString());
            Assert.Equal(description, fetched.GetProperty("description").GetString());
        }
    }
}
