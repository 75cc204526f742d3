using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Admin;

/// <summary>/admin is a page that does not exist for anyone but an enabled administrator.</summary>
public sealed class AdminGateTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task OnlyAnEnabledAdministratorGetsTheAdminPage()
    {
        using var anonymous = app.BrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/admin")).StatusCode);

        using var browser = app.BrowserClient();
        var email = $"gate-{Guid.NewGuid():N}@example.test";
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserForms.SignUpAsync(browser, new Uri(browser.BaseAddress!, "/signup"), email, "a long gate passphrase")).StatusCode);
        var notYet = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        Assert.Contains("Not found", await notYet.Content.ReadAsStringAsync());

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdmin>();
        var user = (await admin.FindAsync(email))!;
        await admin.SetAdminAsync(user, admin: true, AdminActor.CommandLine);
        var granted = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("Administration", await granted.Content.ReadAsStringAsync());

        // A disabled administrator is signed out, and the page is gone for a new sign-in attempt too.
        await admin.SetDisabledAsync(user, disabled: true, AdminActor.CommandLine);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
    }
}
