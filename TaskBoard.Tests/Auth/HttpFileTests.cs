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
    }
}
