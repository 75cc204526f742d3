using Microsoft.Playwright;
using TaskBoard.E2E.Infrastructure;

namespace TaskBoard.E2E.Home;

public sealed class HomePageTests(BrowserApp browserApp) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheLandingPageRendersInChromiumAndLinksToHealth()
    {
        var page = await browserApp.NewPageAsync();

        await page.GotoAsync("/");

        Assert.Equal("TaskBoard is running", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "/health/ready" }).ClickAsync();
        Assert.Equal("Healthy", await page.Locator("body").InnerTextAsync());
    }
}
