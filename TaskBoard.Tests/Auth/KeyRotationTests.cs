using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>
/// Rotating the JWT signing key as docs/deploy.md says (add the new key, deploy; promote it, deploy;
/// remove the old one after the longest token lifetime) signs nobody out on the way.
/// </summary>
public sealed class KeyRotationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly (string Id, string Secret) Old = ("2026-01", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
    private static readonly (string Id, string Secret) New = ("2026-07", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));

    private TaskBoardFactory App(params (string Id, string Secret)[] keys)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database.ConnectionString };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Auth:Jwt:Keys:{i}:Id"] = keys[i].Id;
            settings[$"Auth:Jwt:Keys:{i}:Secret"] = keys[i].Secret;
        }

        return new TaskBoardFactory(settings);
    }

    private static async Task<int> StatusAsync(TaskBoardFactory app, string token)
    {
        using var client = app.ApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (int)(await client.GetAsync("/api/auth/session")).StatusCode;
    }

    private static async Task<string> SignInAsync(TaskBoardFactory app, string email, string password)
    {
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static string KeyIdOf(string token) => new JsonWebToken(token).Kid;

    [Fact]
    public async Task AddPromoteRemoveKeepsEveryoneSignedInUntilTheOldKeyIsRemoved()
    {
        var email = $"rotate-{Guid.NewGuid():N}@example.test";
        const string password = "a long rotation passphrase";
        string first, personal;
        await using (var before = App(Old))
        {
            using var client = before.ApiClient();
            var signUp = await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password, name = "Rotating" });
            first = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first);
            personal = (await (await client.PostAsJsonAsync("/api/tokens", new { name = "cron", expiresInDays = 5 })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("token").GetString()!;
            Assert.Equal(Old.Id, KeyIdOf(first));
        }

        // 1. Add the new key after the old one and deploy: the old one still signs, both validate.
        await using (var added = App(Old, New))
        {
            Assert.Equal((200, 200), (await StatusAsync(added, first), await StatusAsync(added, personal)));
            Assert.Equal(Old.Id, KeyIdOf(await SignInAsync(added, email, password)));
        }

        // 2. Promote the new key to the front and deploy: it signs; tokens from the old one still work.
        string second;
        await using (var promoted = App(New, Old))
        {
            second = await SignInAsync(promoted, email, password);
            Assert.Equal(New.Id, KeyIdOf(second));
            Assert.Equal((200, 200, 200), (await StatusAsync(promoted, first), await StatusAsync(promoted, personal), await StatusAsync(promoted, second)));
        }

        // 3. After the longest token lifetime, remove the old key: only tokens it signed stop working.
        await using var removed = App(New);
        Assert.Equal(200, await StatusAsync(removed, second));
        Assert.Equal(401, await StatusAsync(removed, first));
    }

    [Fact]
    public async Task TokensFromTheSingleSecretStayValidWhenItMovesIntoTheRing()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        string token;
        await using (var single = new TaskBoardFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Auth:Jwt:Secret"] = secret,
        }))
        {
            using var client = single.ApiClient();
            var signUp = await client.PostAsJsonAsync("/api/auth/sign-up",
                new { email = $"single-{Guid.NewGuid():N}@example.test", password = "a long single passphrase", name = "Single" });
            token = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        await using var ring = App(New, ("previous", secret));

        Assert.Equal(200, await StatusAsync(ring, token));
    }

    [Fact]
    public async Task AWrongKeyIsRefused()
    {
        await using var app = App(New);
        var forged = new JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "taskboard",
            Audience = "taskboard-api",
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["sid"] = Guid.NewGuid().ToString() },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(RandomNumberGenerator.GetBytes(48)) { KeyId = New.Id }, "HS256"),
        });

        Assert.Equal((int)HttpStatusCode.Unauthorized, await StatusAsync(app, forged));
    }
}
