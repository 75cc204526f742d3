using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class HttpFileTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task TheHttpWalkthroughRunsAgainstTheRealAppWithTheStatusesItPromises()
    {
        using var client = app.Client();

        var exchanges = await HttpFile.RunAsync(Path.Combine(RepositoryRoot.Path, "TaskBoard.Web", "TaskBoard.http"), client);

        Assert.True(exchanges.Count >= 10, $"only {exchanges.Count} requests ran");
        Assert.All(exchanges, e => Assert.True(e.Expected == e.Actual, $"{e.Title}: {e.Method} {e.Url} gave {e.Actual}, expected {e.Expected}: {e.Body}"));

        // Every endpoint of the API has its example in the walkthrough.
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, e.RoutePattern.RawText)));
        Assert.All(endpoints, endpoint =>
        {
            var pattern = "^" + Regex.Replace(endpoint.RawText!.TrimEnd('/'), @"\{[^}]+\}", "[^/]+") + "/?$";
            Assert.True(exchanges.Any(e => e.Method == endpoint.Method && Regex.IsMatch(new Uri(e.Url).AbsolutePath, pattern)),
                $"TaskBoard.http has no example of {endpoint.Method} {endpoint.RawText}");
        });
    }
}
