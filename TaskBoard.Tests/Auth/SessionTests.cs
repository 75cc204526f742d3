using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class SessionTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task SignUpAndSignInReturnTheDocumentedShapeAndClaims()
    {
        var account = await app.SignUpAsync();

        var response = await app.SignInAsync(account.Email, account.Password);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(account.Email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("Test User", body.GetProperty("user").GetProperty("name").GetString());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(body.GetProperty("accessToken").GetString());
        Assert.Equal(("HS256", "at+jwt"), (token.Alg, token.Typ));
        foreach (var claim in new[] { "sub", "email", "name", "sid", "jti", "iat", "nbf", "exp", "iss", "aud" })
        {
            Assert.True(token.TryGetPayloadValue<object>(claim, out _), $"missing {claim}");
        }

        Assert.Equal(TimeSpan.FromDays(7), token.ValidTo - token.IssuedAt);
        Assert.Equal(token.ValidTo, body.GetProperty("expiresAt").GetDateTime(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SignOutRevokesTheTokenAndReplayGets401()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);

        Assert.Equal((401, "session_revoked"), await app.SessionStatusAsync(account.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/auth/sign-out", null)).StatusCode);
    }

    [Fact]
    public async Task RevokingOneSessionStopsOnlyThatOne()
    {
        var account = await app.SignUpAsync();
        var second = await app.SignInTokenAsync(account);
        var third = await app.SignInTokenAsync(account);
        using var client = app.Client(account.Token);

        var sessions = await client.GetFromJsonAsync<JsonElement[]>("/api/sessions");
        Assert.Equal(3, sessions!.Length);
        Assert.Equal(account.SessionId, Assert.Single(sessions, s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid());

        var secondSession = SessionIdOf(second);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/sessions/{secondSession}")).StatusCode);

        Assert.Equal((401, "session_revoked"), await app.SessionStatusAsync(second));
        Assert.Equal((200, null), await app.SessionStatusAsync(account.Token));
        Assert.Equal((200, null), await app.SessionStatusAsync(third));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/sessions/{secondSession}")).StatusCode);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement[]>("/api/sessions"))!.Length);
    }

    [Fact]
    public async Task AnotherUsersSessionLooksLikeOneThatDoesNotExist()
    {
        var owner = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();
        using var client = app.Client(stranger.Token);

        var foreign = await client.DeleteAsync($"/api/sessions/{owner.SessionId}");
        var missing = await client.DeleteAsync($"/api/sessions/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(missing.StatusCode, foreign.StatusCode);
        Assert.Equal(await Problems.CodeAsync(missing), await Problems.CodeAsync(foreign));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/sessions/{owner.SessionId}")).StatusCode);
        Assert.Equal((200, null), await app.SessionStatusAsync(owner.Token));
    }

    [Fact]
    public async Task PersonalAccessTokenWorksUntilRevokedAndIsShownOnce()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        var created = await client.PostAsJsonAsync("/api/tokens", new { name = "backup script", expiresInDays = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var session = body.GetProperty("session");
        Assert.Equal(("token", "backup script"), (session.GetProperty("kind").GetString(), session.GetProperty("name").GetString()));
        Assert.Equal(DateTime.UtcNow.AddDays(5), session.GetProperty("expiresAt").GetDateTime(), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(created.Headers.Location)).StatusCode);

        Assert.Equal((200, null), await app.SessionStatusAsync(token));
        var listed = await client.GetStringAsync("/api/sessions");
        Assert.DoesNotContain(token, listed);
        Assert.Contains("backup script", listed);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/sessions/{session.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal((401, "session_revoked"), await app.SessionStatusAsync(token));
    }

    [Theory]
    [InlineData("", 30, "name")]
    [InlineData("ok", 0, "expiresInDays")]
    [InlineData("ok", 366, "expiresInDays")]
    [InlineData("ok", null, "expiresInDays")]
    public async Task PersonalAccessTokenNeedsANameAndASaneExpiry(string name, int? days, string field)
    {
        var account = await app.SignUpAsync();
        using var client = app.Client(account.Token);

        var response = await client.PostAsJsonAsync("/api/tokens", new { name, expiresInDays = days });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ChangingThePasswordRevokesEveryOtherSession()
    {
        var account = await app.SignUpAsync();
        var other = await app.SignInTokenAsync(account);
        using var client = app.Client(account.Token);

        var wrong = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not it", newPassword = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal((200, null), await app.SessionStatusAsync(other));

        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = account.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal((401, "session_revoked"), await app.SessionStatusAsync(other));
        Assert.Equal((200, null), await app.SessionStatusAsync(account.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task ACookieAloneNeverAuthenticatesTheApi()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/session");
        request.Headers.Add("Cookie", $".AspNetCore.Identity.Application={account.Token}; access_token={account.Token}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token_missing", await Problems.CodeAsync(response));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    private static Guid SessionIdOf(string token) =>
        Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string>("sid"));
}
