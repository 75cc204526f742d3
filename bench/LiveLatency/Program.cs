// Live-update latency across instances: two TaskBoard processes on one PostgreSQL, a board open on
// instance B in Chromium, and N tasks created one at a time through instance A's API. For each, the
// time from A's 201 response to the card appearing in B's DOM (seen by a MutationObserver).
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
    var page = await (await browser.NewContextAsync(new() { BaseURL = instanceB.BaseAddress.ToString() })).NewPageAsync();
    var email = $"latency-{Guid.NewGuid():N}@example.test";
    const string password = "a long latency passphrase";
    await page.GotoAsync("/signup");
    await page.FillAsync("#name", "Latency");
    await page.FillAsync("#email", email);
    await page.FillAsync("#password", password);
    await page.ClickAsync("#sign-up");
    await page.Locator("#tb-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
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

    using var api = new HttpClient { BaseAddress = instanceA.BaseAddress };
    var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
        (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

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
    }

    latencies.Sort();
    double Percentile(double p) => latencies[(int)Math.Ceiling(p / 100 * latencies.Count) - 1];
    Console.WriteLine($"writes: {latencies.Count} through instance A, board open on instance B");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p50: {Percentile(50):F0} ms   p95: {Percentile(95):F0} ms   max: {latencies[^1]:F0} ms   mean: {latencies.Average():F0} ms"));
    Console.WriteLine(Percentile(95) < 250 ? "target p95 < 250 ms: met" : "target p95 < 250 ms: NOT met");
}
finally
{
    await PostgresServer.DropDatabaseAsync(database);
}
