// Live-update latency across instances and people: two TaskBoard processes on one PostgreSQL, a shared
// board open on instance B in Chromium by one of its members, and N tasks created one at a time by its
// owner through instance A's API. For each, the time from A's 201 response to the card appearing in B's
// DOM (seen by a MutationObserver).
// Usage: bench/live-latency.sh [writes]   (default 200)
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskBoard.Testing;

var writes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var (database, connectionString) = await PostgresServer.CreateDatabaseAsync();
var settings = new Dictionary<string, string>
{
    ["ConnectionStrings__Postgres"] = connectionString,
    ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
    ["RateLimits__Client__PermitLimit"] = "1000000",
    ["RateLimits__Api__PermitLimit"] = "100000",
    ["Serilog__MinimumLevel__Default"] = "Warning",
};
try
{
    await using var instanceA = await AppProcess.StartAsync(settings);
    await using var instanceB = await AppProcess.StartAsync(settings);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("TASKBOARD_CHROMIUM") ?? "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    const string password = "a long latency passphrase";
    var ownerEmail = $"latency-owner-{Guid.NewGuid():N}@example.test";
    var memberEmail = $"latency-member-{Guid.NewGuid():N}@example.test";
    using var api = new HttpClient { BaseAddress = instanceA.BaseAddress };
    var signUp = await api.PostAsJsonAsync("/api/auth/sign-up", new { email = ownerEmail, password, name = "Owner" });
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
        (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
    var boardId = (await api.GetFromJsonAsync<JsonElement>("/api/boards")).GetProperty("items")[0].GetProperty("id").GetGuid();

    var page = await (await browser.NewContextAsync(new() { BaseURL = instanceB.BaseAddress.ToString() })).NewPageAsync();
    await page.GotoAsync("/signup");
    await page.FillAsync("#name", "Member");
    await page.FillAsync("#email", memberEmail);
    await page.FillAsync("#password", password);
    await page.ClickAsync("#sign-up");
    await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    // The member joins the owner's board: their address counts as confirmed (as after its emailed link), then they accept.
    await using (var db = new Npgsql.NpgsqlConnection(connectionString))
    {
        await db.OpenAsync();
        await using var confirm = new Npgsql.NpgsqlCommand("UPDATE users SET email_confirmed = true WHERE normalized_email = upper($1)", db);
        confirm.Parameters.AddWithValue(memberEmail);
        await confirm.ExecuteNonQueryAsync();
    }

    var invited = await api.PostAsJsonAsync($"/api/boards/{boardId}/invitations", new { email = memberEmail, role = "editor" });
    var invitation = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    using (var member = new HttpClient { BaseAddress = instanceB.BaseAddress })
    {
        var memberSignIn = await member.PostAsJsonAsync("/api/auth/sign-in", new { email = memberEmail, password });
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await memberSignIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        (await member.PostAsync($"/api/invitations/{invitation}/accept", null)).EnsureSuccessStatusCode();
    }

    await page.GotoAsync($"/boards/{boardId}");
    await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
    // Live once the board has read its cards again after taking over from the prerendered page.
    await page.Locator(".tb-board[aria-busy='false']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
    if (await page.Locator("#tb-board-missing").CountAsync() > 0)
    {
        throw new InvalidOperationException("The member does not reach the shared board.");
    }
    await page.EvaluateAsync("""
        () => {
          window.tbSeen = {};
          new MutationObserver(() => {
            for (const card of document.querySelectorAll('.tb-card[data-title]')) {
              if (!(card.dataset.title in window.tbSeen)) window.tbSeen[card.dataset.title] = Date.now();
            }
          }).observe(document.body, { subtree: true, childList: true });
        }
        """);

    var latencies = new List<double>();
    for (var i = 0; i < writes; i++)
    {
        var title = $"latency {i:D4}";
        var response = await api.PostAsJsonAsync("/api/tasks", new { title });
        var answeredAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        response.EnsureSuccessStatusCode();
        await page.WaitForFunctionAsync($"() => window.tbSeen['{title}'] !== undefined", null, new() { Timeout = 30_000 });
        var seenAt = await page.EvaluateAsync<long>($"() => window.tbSeen['{title}']");
        latencies.Add(Math.Max(0, seenAt - answeredAt));
        // Deleted again, so the column never grows past the cards a board shows at first (the rest wait behind "Show more").
        (await api.DeleteAsync(response.Headers.Location)).EnsureSuccessStatusCode();
    }

    latencies.Sort();
    double Percentile(double p) => latencies[(int)Math.Ceiling(p / 100 * latencies.Count) - 1];
    Console.WriteLine($"writes: {latencies.Count} by the owner through instance A, the shared board open on instance B by a member");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p50: {Percentile(50):F0} ms   p95: {Percentile(95):F0} ms   max: {latencies[^1]:F0} ms   mean: {latencies.Average():F0} ms"));
    Console.WriteLine(Percentile(95) < 250 ? "target p95 < 250 ms: met" : "target p95 < 250 ms: NOT met");
}
finally
{
    await PostgresServer.DropDatabaseAsync(database);
}
