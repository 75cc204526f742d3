using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Live;

/// <summary>
/// deploy/nginx.conf, as committed, in front of two instances: only the upstream addresses and the
/// listening port are changed to this run's.
/// </summary>
public class NginxFrontedApp : BrowserApp, IAsyncLifetime
{
    private Process? nginx;
    private string? folder;

    protected override int InstanceCount => 2;

    public Uri NginxAddress { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        const string binary = "/usr/sbin/nginx";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("nginx is not installed: run ./test.sh (it installs Debian's nginx package).");
        }

        folder = Directory.CreateTempSubdirectory("taskboard-nginx-").FullName;
        var port = LoopbackPort.Free();
        var config = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "nginx.conf")))
            .Replace("server 127.0.0.1:5001 ", $"server {Instances[0].BaseAddress.Authority} ", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5002 ", $"server {Instances[1].BaseAddress.Authority} ", StringComparison.Ordinal)
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        var configPath = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        foreach (var arg in new[] { "-p", folder, "-c", configPath, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        nginx = Process.Start(start);
        NginxAddress = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if ((await client.GetAsync(new Uri(NginxAddress, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // nginx not listening yet
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"nginx did not come up: {await File.ReadAllTextAsync(Path.Combine(folder, "logs", "error.log"))}");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (nginx is { HasExited: false })
        {
            nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync();
        }

        nginx?.Dispose();
        await DisposeAsync();
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

}

public sealed class NginxTests(NginxFrontedApp apps) : IClassFixture<NginxFrontedApp>
{
    [Fact]
    public async Task ThroughNginxYouSignInUseTheBoardAndSeeWritesMadeOnEitherInstance()
    {
        var page = await apps.NewPageAsync();
        var email = AccountPages.NewEmail();
        await page.GotoAsync(new Uri(apps.NginxAddress, "/signup").ToString());
        await page.FillAsync("#name", "Proxied");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", AccountPages.Password);
        await page.ClickAsync("#sign-up");
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "through nginx");

        // Whichever instance nginx pinned this browser to, a write on each instance directly reaches the board.
        foreach (var (instance, title) in new[] { (0, "written on A"), (1, "written on B") })
        {
            using var api = new HttpClient { BaseAddress = apps.Instances[instance].BaseAddress };
            var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AccountPages.Password });
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            Assert.True((await api.PostAsJsonAsync("/api/tasks", new { title })).IsSuccessStatusCode);
            await Assertions.Expect(board.Column("To do").Locator(".tb-card").Filter(new() { HasText = title })).ToHaveCountAsync(1);
        }
    }
}
