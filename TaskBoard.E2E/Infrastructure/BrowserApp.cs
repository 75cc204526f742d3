using System.Net.Http.Json;
using Microsoft.Playwright;

namespace TaskBoard.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel (its own process, its own PostgreSQL database) and Debian's Chromium
/// driven by Playwright, shared by one test class. Each test opens its own browser context.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public const string ChromiumVariable = "TASKBOARD_CHROMIUM";

    private readonly List<AppProcess> instances = [];
    private string? databaseName;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseAddress => App.BaseAddress;

    public AppProcess App => instances.Count > 0 ? instances[0] : throw new InvalidOperationException("The app is not started.");

    /// <summary>Every running instance; all share one database and one signing secret.</summary>
    public IReadOnlyList<AppProcess> Instances => instances;

    /// <summary>The app's own database, named as PostgreSQL knows it.</summary>
    public string DatabaseName => databaseName ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>How many app processes to run against the shared database.</summary>
    protected virtual int InstanceCount => 1;

    /// <summary>The environment every instance starts with (the database and the signing secret among it).</summary>
    protected Dictionary<string, string> Settings { get; } = [];

    /// <summary>The app's database, for a test that arranges what the app cannot be asked to (as an operator would).</summary>
    public string ConnectionString => Settings["ConnectionStrings__Postgres"];

    /// <summary>The port the first instance will listen on, known before it starts (for settings that name the app's own address).</summary>
    protected int FirstPort { get; } = LoopbackPort.Free();

    /// <summary>Changes the environment the instances start with.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    /// <summary>The app's database: by default a new one on the shared test server. Returns its connection string.</summary>
    protected virtual async Task<string> CreateDatabaseAsync()
    {
        (databaseName, var connectionString) = await PostgresServer.CreateDatabaseAsync();
        return connectionString;
    }

    /// <summary>Stops instance <paramref name="index"/> and starts it again with the same settings (and so the same database and secret).</summary>
    public async Task RestartAsync(int index = 0)
    {
        Assert.Equal(0, await instances[index].TerminateAsync(TimeSpan.FromSeconds(30)));
        await instances[index].DisposeAsync();
        instances[index] = await AppProcess.StartAsync(Settings, instances[index].BaseAddress.Port);
    }

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {executable}. Run ./test.sh (it installs Debian's chromium package) or set {ChromiumVariable}.");
        }

        Settings["ConnectionStrings__Postgres"] = await CreateDatabaseAsync();
        Settings["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        // Every browser of a test class signs up and in from 127.0.0.1: the per-IP password limit is for strangers.
        Settings["RateLimits__Auth__PermitLimit"] = "10000";
        Configure(Settings);
        for (var i = 0; i < InstanceCount; i++)
        {
            instances.Add(await AppProcess.StartAsync(Settings, i == 0 ? FirstPort : null));
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>Where the E2E run leaves its screenshots; the README shows them.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "docs", "screenshots");

    /// <param name="fullPage">The whole page; false for what the viewport shows (a popover open mid-page).</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = fullPage });
    }

    /// <summary>Where a browser opens an instance's pages: its own address, unless the app is told it lives elsewhere (App:PublicUrl).</summary>
    protected virtual Uri PageBase(int instance) => instances[instance].BaseAddress;

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, int instance = 0)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PageBase(instance).ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (cspViolations)
                {
                    cspViolations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    /// <summary>An API client signed in (through the API) as the account with <paramref name="email"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(string email, string password = Pages.AccountPages.Password)
    {
        var api = new HttpClient { BaseAddress = BaseAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
        Assert.True(signIn.IsSuccessStatusCode, await signIn.Content.ReadAsStringAsync());
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        return api;
    }

    /// <summary>Runs <c>admin …</c> on the app's configuration and database, as an operator would; answers the exit code and output.</summary>
    public Task<(int ExitCode, string Output)> AdminAsync(params string[] args) =>
        AppProcess.RunWithInputToExitAsync(Settings, standardInput: null, ["admin", .. args]);

    private readonly List<string> cspViolations = [];

    /// <summary>Fails when any page of this fixture reported a Content-Security-Policy violation.</summary>
    public void AssertNoCspViolations()
    {
        lock (cspViolations)
        {
            Assert.True(cspViolations.Count == 0, "CSP violations:\n" + string.Join("\n", cspViolations));
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        if (databaseName is not null)
        {
            await PostgresServer.DropDatabaseAsync(databaseName);
        }
    }
}
