using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Users;

public sealed class NewSignInNoticeTests(MailApp app) : IClassFixture<MailApp>
{
    private const string Subject = "New sign-in to your TaskBoard account";

    private async Task<HttpStatusCode> SignInAsync(TestAccount account, string userAgent)
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = account.Email, password = account.Password })).StatusCode;
    }

    /// <summary>Waits for a message that is sent after everything queued so far, so that what has not arrived by then was never sent.</summary>
    private async Task DrainAsync(TestAccount account)
    {
        using var client = app.Client();
        await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email });
        await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "Reset your TaskBoard password");
    }

    [Fact]
    public async Task ASignInFromAClientTheAccountHasNotSeenIsEmailedOnceAndTheSwitchTurnsItOff()
    {
        var account = await app.SignUpAsync();

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account, "backup-script/1.0"));
        var notice = await app.Smtp.WaitForAsync(account.Email, m => m.Subject == Subject);
        Assert.Contains("backup-script/1.0", notice.TextBody);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account, "backup-script/1.0"));

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProfileService>().SetNotifyNewSignInsAsync(account.UserId, false, ClientInfo.Unknown);
        }

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account, "another-client/2.0"));
        await DrainAsync(account);
        Assert.Single(app.Smtp.To(account.Email), m => m.Subject == Subject);
    }

    [Fact]
    public async Task ABrowserIsKnownByItsDeviceCookieNotByItsAddress()
    {
        var account = await app.SignUpAsync();
        using var browser = app.BrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserForms.SignInAsync(browser, new Uri("/signin", UriKind.Relative), account.Email, account.Password)).StatusCode);
        await app.Smtp.WaitForAsync(account.Email, m => m.Subject == Subject);

        // Signed out and in again in the same browser: it keeps its device cookie, so no second notice.
        await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await BrowserForms.AntiforgeryTokenAsync(browser, new Uri("/account", UriKind.Relative)),
        }));
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserForms.SignInAsync(browser, new Uri("/signin", UriKind.Relative), account.Email, account.Password)).StatusCode);
        await DrainAsync(account);

        Assert.Single(app.Smtp.To(account.Email), m => m.Subject == Subject);
    }
}
