using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class PasswordResetTests(MailApp app) : IClassFixture<MailApp>
{
    private async Task<string> ResetLinkTokenAsync(TestAccount account)
    {
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/forgot-password", new { email = account.Email })).StatusCode);
        var message = await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "Reset your TaskBoard password");
        Assert.StartsWith($"{MailApp.PublicUrl}/reset-password?token=", SmtpCapture.Link(message));
        return SmtpCapture.Token(message);
    }

    [Fact]
    public async Task AResetLinkSetsANewPasswordOnceAndEndsEverySessionAndToken()
    {
        var account = await app.SignUpAsync();
        using var owner = app.Client(account.Token);
        var pat = (await (await owner.PostAsJsonAsync("/api/tokens", new { name = "cron", expiresInDays = 3 })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString()!;
        var token = await ResetLinkTokenAsync(account);
        const string newPassword = "a brand new reset passphrase";

        using var anonymous = app.Client();
        var reset = await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword });
        var again = await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "yet another reset passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal((401, "session_revoked"), await app.SessionStatusAsync(account.Token));
        Assert.Equal((401, "session_revoked"), await app.SessionStatusAsync(pat));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, newPassword)).StatusCode);
        var notice = await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "Your TaskBoard password was changed");
        Assert.Contains("with a reset link", notice.TextBody);
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        Assert.Contains(AuditKinds.PasswordReset, await db.AuditEvents.Where(e => e.UserId == account.UserId).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task AResetClearsThePauseOnPasswordSignIns()
    {
        var account = await app.SignUpAsync();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await app.SignInAsync(account.Email, "a wrong guess");
        }

        Assert.Equal("account_locked", await Problems.CodeAsync(await app.SignInAsync(account.Email, account.Password)));
        var token = await ResetLinkTokenAsync(account);
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "a reset after a lockout" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, "a reset after a lockout")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLinkAndAWeakPasswordChangeNothingAndTheWeakPasswordDoesNotUseTheLinkUp()
    {
        var account = await app.SignUpAsync();
        var token = await ResetLinkTokenAsync(account);
        using var anonymous = app.Client();

        var weak = await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "password123" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));

        await using (var db = await app.Database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = {account.UserId}");
        }

        var expired = await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "a late reset passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.True((await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSameAnswerInTheSameTimeAndNoMail()
    {
        var account = await app.SignUpAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";
        using var anonymous = app.Client();

        var (knownAnswer, knownTimes) = await AskAsync(anonymous, account.Email);
        var (unknownAnswer, unknownTimes) = await AskAsync(anonymous, unknown);

        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.InRange(Median(unknownTimes) - Median(knownTimes), -25, 25);
        // Requests are handled in order: once the known address's mail is here, the unknown one's request is done too.
        await app.Smtp.WaitForAsync(account.Email, m => m.Subject == "Reset your TaskBoard password");
        Assert.Empty(app.Smtp.To(unknown));
    }

    private static async Task<(string Answer, List<double> Milliseconds)> AskAsync(HttpClient client, string email)
    {
        var times = new List<double>();
        var answer = "";
        for (var i = 0; i < 15; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email });
            times.Add(clock.Elapsed.TotalMilliseconds);
            answer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        return (answer, times);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
