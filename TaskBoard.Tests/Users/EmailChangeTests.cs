using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Users;

public sealed class EmailChangeTests(MailApp app) : IClassFixture<MailApp>
{
    private async Task<AccountResult> RequestAsync(TestAccount account, string newEmail, string password)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailChange>()
            .RequestAsync(account.UserId, newEmail, password, new Uri(MailApp.PublicUrl), ClientInfo.Unknown);
    }

    [Fact]
    public async Task NothingChangesUntilTheLinkSentToTheNewAddressIsOpened()
    {
        var account = await app.SignUpAsync();
        var newEmail = $"moved-{Guid.NewGuid():N}@example.test";

        Assert.Equal(AccountOutcome.Ok, (await RequestAsync(account, newEmail, account.Password)).Outcome);
        var confirm = await app.Smtp.WaitForAsync(newEmail);
        var notice = await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "A change of your TaskBoard email address was requested");
        Assert.Contains(newEmail, notice.TextBody);
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignInAsync(newEmail, account.Password)).StatusCode);

        using var browser = app.BrowserClient();
        var page = new Uri($"/confirm-email?token={SmtpCapture.Token(confirm)}", UriKind.Relative);
        Assert.Contains(newEmail, await browser.GetStringAsync(page));
        var confirmed = await BrowserForms.PostAsync(browser, page, "confirm-email", []);
        Assert.Contains($"Your account uses {newEmail} now", await confirmed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(newEmail, account.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "Your TaskBoard email address was changed");
        Assert.Contains("This link has expired or was already used", await browser.GetStringAsync(page));
    }

    [Fact]
    public async Task TheCurrentPasswordIsNeededAndATakenAddressIsRefused()
    {
        var account = await app.SignUpAsync();
        var other = await app.SignUpAsync();

        Assert.Equal(AccountOutcome.InvalidCredentials, (await RequestAsync(account, $"x-{Guid.NewGuid():N}@example.test", "wrong password")).Outcome);
        Assert.Equal(AccountOutcome.EmailTaken, (await RequestAsync(account, other.Email, account.Password)).Outcome);
        Assert.Equal(AccountOutcome.Invalid, (await RequestAsync(account, "not an address", account.Password)).Outcome);
    }
}
