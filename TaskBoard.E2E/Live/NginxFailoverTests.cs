using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;
using TaskBoard.E2E.Pages;

namespace TaskBoard.E2E.Live;

/// <summary>Two instances behind deploy/nginx.conf, with a short drain, for a test that stops one of them.</summary>
public sealed class NginxFailoverApp : NginxFrontedApp
{
    protected override void Configure(Dictionary<string, string> settings) => settings["Shutdown__DrainDelay"] = "00:00:03";
}

/// <summary>SIGTERM to the instance a browser is pinned to, under traffic: nobody notices.</summary>
public sealed partial class NginxFailoverTests(NginxFailoverApp apps) : IClassFixture<NginxFailoverApp>
{
    [GeneratedRegex(@"^taskboard_circuits_open(\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex OpenCircuits();

    private static async Task<double> CircuitsAsync(AppProcess instance)
    {
        using var client = new HttpClient { BaseAddress = instance.BaseAddress };
        var match = OpenCircuits().Match(await client.GetStringAsync("/metrics"));
        return match.Success ? double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task StoppingTheInstanceABrowserUsesFailsNoRequestAndTheBoardCarriesOnOnTheOther()
    {
        var page = await apps.NewPageAsync();
        var documents = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document")
            {
                lock (documents)
                {
                    documents.Add($"{response.Status} {response.Url}");
                }
            }
        };
        var email = AccountPages.NewEmail();
        await page.GotoAsync(new Uri(apps.NginxAddress, "/signup").ToString());
        await page.FillAsync("#name", "Failover");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", AccountPages.Password);
        await page.ClickAsync("#sign-up");
        var board = new BoardPage(page);
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "before the stop");

        using var api = new HttpClient { BaseAddress = apps.NginxAddress };
        var signIn = await api.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AccountPages.Password });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        var pinned = await CircuitsAsync(apps.Instances[0]) > 0 ? 0 : 1;
        Assert.True(await CircuitsAsync(apps.Instances[pinned]) > 0, "the browser's circuit is on neither instance");

        // GETs through nginx the whole time: the page, the API, and a static file.
        var failures = new List<string>();
        var requests = 0;
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            using var anonymous = new HttpClient { BaseAddress = apps.NginxAddress };
            while (!stop.IsCancellationRequested)
            {
                foreach (var (client, path) in new[] { (api, "/api/tasks"), (anonymous, "/signin"), (anonymous, "/app.css") })
                {
                    try
                    {
                        var response = await client.GetAsync(path);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            lock (failures)
                            {
                                failures.Add($"{path}: {(int)response.StatusCode}");
                            }
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        lock (failures)
                        {
                            failures.Add($"{path}: {e.Message}");
                        }
                    }

                    Interlocked.Increment(ref requests);
                }

                await Task.Delay(20);
            }
        });

        Assert.Equal(0, await apps.Instances[pinned].TerminateAsync(TimeSpan.FromSeconds(60)));
        await Task.Delay(1500);
        await stop.CancelAsync();
        await traffic;

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} GETs failed: {string.Join("; ", failures.Take(10))}");
        // The browser's circuit ended with its instance; the page came back on the other one by itself.
        await board.WaitReadyAsync();
        await board.QuickAddAsync("To do", "after the stop");
        await Assertions.Expect(board.Column("To do").Locator(".tb-card")).ToHaveCountAsync(2);
        Assert.True(await CircuitsAsync(apps.Instances[1 - pinned]) > 0, "the browser is not on the remaining instance");
        lock (documents)
        {
            Assert.True(documents.All(d => !d.StartsWith('5')), string.Join("\n", documents));
        }
    }
}
