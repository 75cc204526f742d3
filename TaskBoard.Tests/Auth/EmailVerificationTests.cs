using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class EmailVerificationTests(MailApp app) : IClassFixture<MailApp>
{
    private async Task<bool> VerifiedAsync(string token) =>
        (await app.Client(token).GetFromJsonAsync<JsonElement>("/api/auth/session")).GetProperty("user").GetProperty("emailVerified").GetBoolean();

    [Fact]
    public async Task SignUpSendsALinkThatConfirmsTheAddressOnce()
    {
        var account = await app.SignUpAsync();
        var message = await app.Smtp.WaitForAsync(account.Email);
        Assert.Equal("Confirm your email address for TaskBoard", message.Subject);
        Assert.NotNull(message.HtmlBody);
        Assert.StartsWith($"{MailApp.PublicUrl}/verify-email?token=", SmtpCapture.Link(message));
        Assert.False(await VerifiedAsync(account.Token));

        using var anonymous = app.Client();
        var first = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = SmtpCapture.Token(message) });
        var again = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = SmtpCapture.Token(message) });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True(await VerifiedAsync(account.Token));
    }

    [Fact]
    public async Task TheLinkCanBeSentAgainButNotTwiceAMinuteAndTheNewestLinkIsTheOneThatWorks()
    {
        var account = await app.SignUpAsync();
        var first = await app.Smtp.WaitForAsync(account.Email);
        using var client = app.Client(account.Token);

        // The sign-up's own link went out moments ago.
        var tooSoon = await client.PostAsync("/api/auth/verify-email/send", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.NotNull(tooSoon.Headers.RetryAfter);

        await using (var db = await app.Database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE account_token SET created_at = created_at - interval '2 minutes' WHERE user_id = {account.UserId}");
        }

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/verify-email/send", null)).StatusCode);
        var second = await app.Smtp.WaitForAsync(account.Email, m => m.MessageId != first.MessageId);
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = SmtpCapture.Token(first) })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = SmtpCapture.Token(second) })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/verify-email/send", null)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task AnUnknownTokenConfirmsNothing(string token)
    {
        using var anonymous = app.Client();

        var response = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", await Problems.CodeAsync(response));
    }
}

/// <summary>The app with <c>Auth:RequireVerifiedEmail</c> on.</summary>
public sealed class VerifiedOnlyApp : MailApp
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Auth:RequireVerifiedEmail"] = "true";
        return settings;
    }
}

public sealed class RequireVerifiedEmailTests(VerifiedOnlyApp app) : IClassFixture<VerifiedOnlyApp>
{
    [Fact]
    public async Task NoTokenAndNoSignInUntilTheAddressIsConfirmed()
    {
        var email = $"unverified-{Guid.NewGuid():N}@example.test";
        const string password = "a long unverified passphrase";
        using var client = app.Client();

        var signUp = await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password, name = "Unverified" });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var body = await signUp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("accessToken").ValueKind);
        Assert.False(body.GetProperty("user").GetProperty("emailVerified").GetBoolean());

        var refused = await app.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("email_not_verified", await Problems.CodeAsync(refused));
        using var browser = app.BrowserClient();
        var form = await BrowserForms.SignInAsync(browser, new Uri("/signin", UriKind.Relative), email, password);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.StartsWith("Confirm your email address first", BrowserForms.Error(await form.Content.ReadAsStringAsync()));

        var link = await app.Smtp.WaitForAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/verify-email", new { token = SmtpCapture.Token(link) })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(email, password)).StatusCode);
    }

    [Fact]
    public async Task TheBrowserSignUpFormSaysToCheckTheInboxInsteadOfSigningIn()
    {
        var email = $"form-unverified-{Guid.NewGuid():N}@example.test";
        using var browser = app.BrowserClient();

        var signUp = await BrowserForms.SignUpAsync(browser, new Uri("/signup", UriKind.Relative), email, "a long form unverified passphrase");

        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        Assert.Equal("/verify-email", signUp.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain(signUp.Headers.GetValues("Set-Cookie"), c => c.Contains("taskboard.session=", StringComparison.Ordinal));
        var page = await browser.GetStringAsync(signUp.Headers.Location!.PathAndQuery);
        Assert.Contains($"We sent a link to {email}", page);
    }
}
