using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class AuditAndLogTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task EverySecurityEventIsAuditedAndNoSecretReachesTheLog()
    {
        var password = $"a secret passphrase {Guid.NewGuid():N}";
        var account = await app.SignUpAsync(password);
        var secondToken = await app.SignInTokenAsync(account);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignInAsync(account.Email, "wrong-password-attempt")).StatusCode);

        using var client = app.Client(account.Token);
        var created = await (await client.PostAsJsonAsync("/api/tokens", new { name = "ci", expiresInDays = 5 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var personalToken = created.GetProperty("token").GetString()!;
        await client.DeleteAsync($"/api/sessions/{created.GetProperty("session").GetProperty("id").GetGuid()}");
        Assert.Equal(401, (await app.SessionStatusAsync(personalToken)).Status);
        await client.DeleteAsync($"/api/sessions/{new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(secondToken).GetPayloadValue<string>("sid")}");
        var newPassword = $"another secret passphrase {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
        Assert.Equal(401, (await app.SessionStatusAsync(account.Token)).Status);

        await using (var db = await app.Database.Factory.CreateDbContextAsync())
        {
            var kinds = await db.AuditEvents.Where(e => e.UserId == account.UserId).Select(e => e.Kind).ToListAsync();
            Assert.Superset(new HashSet<string>
            {
                AuditKinds.SignUp, AuditKinds.SignInSucceeded, AuditKinds.SignInFailed, AuditKinds.TokenIssued,
                AuditKinds.TokenRevoked, AuditKinds.TokenRejected, AuditKinds.SessionRevoked, AuditKinds.PasswordChanged,
                AuditKinds.SignOut,
            }, kinds.ToHashSet());
        }

        var log = app.Log.Text;
        Assert.Contains("sign_in_failed", log); // the log is really being captured
        foreach (var secret in new[] { password, newPassword, "wrong-password-attempt", app.Secret, account.Token, secondToken, personalToken })
        {
            Assert.DoesNotContain(secret, log);
        }

        foreach (var token in new[] { account.Token, secondToken, personalToken })
        {
            Assert.DoesNotContain(token.Split('.')[2], log); // not even the signature on its own
        }
    }
}
