using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

/// <summary>
/// Forged and broken tokens, each built from a real token minted by the real sign-up so that only
/// the one defect under test differs. Every one must get 401 problem+json with a Bearer challenge,
/// and the genuine token must keep working.
/// </summary>
public sealed class TokenAttackTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static readonly byte[] AttackerKey = RandomNumberGenerator.GetBytes(32);

    public static TheoryData<string> Attacks =>
    [
        "alg none", "alg None", "alg NONE", "stripped signature", "no signature segment", "tampered payload",
        "wrong key", "empty key", "HS384 with the right secret", "HS512 with the right secret", "RS256 header",
        "embedded jwk", "jku header", "kid path trick", "expired beyond skew", "nbf in the future beyond skew",
        "missing exp", "missing sub", "missing sid", "sub not matching the session", "wrong iss", "missing iss",
        "wrong aud", "missing aud", "missing iat", "lifetime over the maximum", "typ JWT", "missing typ",
        "one segment", "four segments", "bad base64", "header not json", "oversized token", "empty bearer",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task ForgedOrBrokenTokenIsRefusedAndTheGenuineOneStillWorks(string attack)
    {
        var account = await app.SignUpAsync();
        var forged = Forge(attack, account.Token, Encoding.UTF8.GetBytes(app.Secret));

        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/session");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {forged}");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.NotNull(await Problems.CodeAsync(response));
        Assert.Equal((200, null), await app.SessionStatusAsync(account.Token));
    }

    [Fact]
    public async Task ExpiryWithinTheClockSkewIsStillAccepted()
    {
        var account = await app.SignUpAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = Resign(account.Token, Encoding.UTF8.GetBytes(app.Secret), p =>
        {
            p["iat"] = now - 3600;
            p["nbf"] = now - 3600;
            p["exp"] = now - 5;
        });

        Assert.Equal((200, null), await app.SessionStatusAsync(token));
    }

    private static string Forge(string attack, string valid, byte[] secret)
    {
        var parts = valid.Split('.');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return attack switch
        {
            "alg none" or "alg None" or "alg NONE" =>
                $"{Encode(new JsonObject { ["alg"] = attack[4..], ["typ"] = "at+jwt" })}.{parts[1]}.",
            "stripped signature" => $"{parts[0]}.{parts[1]}.",
            "no signature segment" => $"{parts[0]}.{parts[1]}",
            "tampered payload" => $"{parts[0]}.{Encode(Edit(Payload(valid), p => p["name"] = "Mallory"))}.{parts[2]}",
            "wrong key" => Resign(valid, AttackerKey),
            "empty key" => Resign(valid, []),
            "HS384 with the right secret" => Resign(valid, secret, header: h => h["alg"] = "HS384"),
            "HS512 with the right secret" => Resign(valid, secret, header: h => h["alg"] = "HS512"),
            "RS256 header" => Resign(valid, secret, header: h => h["alg"] = "RS256"),
            "embedded jwk" => Resign(valid, AttackerKey,
                header: h => h["jwk"] = new JsonObject { ["kty"] = "oct", ["k"] = Base64Url.EncodeToString(AttackerKey) }),
            "jku header" => Resign(valid, AttackerKey, header: h => h["jku"] = "http://127.0.0.1:1/keys.json"),
            "kid path trick" => Resign(valid, [], header: h => h["kid"] = "../../../../../../dev/null"),
            "expired beyond skew" => Resign(valid, secret, p => { p["iat"] = now - 7200; p["nbf"] = now - 7200; p["exp"] = now - 60; }),
            "nbf in the future beyond skew" => Resign(valid, secret, p => p["nbf"] = now + 120),
            "missing exp" => Resign(valid, secret, p => p.Remove("exp")),
            "missing sub" => Resign(valid, secret, p => p.Remove("sub")),
            "missing sid" => Resign(valid, secret, p => p.Remove("sid")),
            "sub not matching the session" => Resign(valid, secret, p => p["sub"] = Guid.NewGuid().ToString()),
            "wrong iss" => Resign(valid, secret, p => p["iss"] = "someone-else"),
            "missing iss" => Resign(valid, secret, p => p.Remove("iss")),
            "wrong aud" => Resign(valid, secret, p => p["aud"] = "another-api"),
            "missing aud" => Resign(valid, secret, p => p.Remove("aud")),
            "missing iat" => Resign(valid, secret, p => p.Remove("iat")),
            "lifetime over the maximum" => Resign(valid, secret, p => { p["iat"] = now; p["nbf"] = now; p["exp"] = now + (400L * 24 * 3600); }),
            "typ JWT" => Resign(valid, secret, header: h => h["typ"] = "JWT"),
            "missing typ" => Resign(valid, secret, header: h => h.Remove("typ")),
            "one segment" => parts[0],
            "four segments" => $"{valid}.{parts[2]}",
            "bad base64" => $"{parts[0]}.!!{parts[1]}*.{parts[2]}",
            "header not json" => Resign(valid, secret, rawHeader: "not json at all"),
            "oversized token" => Resign(valid, secret, p => p["padding"] = new string('x', 12_000)),
            "empty bearer" => "",
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, "unknown attack"),
        };
    }

    /// <summary>Re-signs <paramref name="valid"/>'s claims after edits, with <paramref name="key"/> and the header's alg.</summary>
    private static string Resign(
        string valid, byte[] key, Action<JsonObject>? payload = null, Action<JsonObject>? header = null, string? rawHeader = null)
    {
        var head = Edit(Header(valid), header ?? (_ => { }));
        var encodedHeader = rawHeader is null ? Encode(head) : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rawHeader));
        var content = $"{encodedHeader}.{Encode(Edit(Payload(valid), payload ?? (_ => { })))}";
        var bytes = Encoding.ASCII.GetBytes(content);
        var signature = head["alg"]?.GetValue<string>() switch
        {
            "HS384" => HMACSHA384.HashData(key, bytes),
            "HS512" => HMACSHA512.HashData(key, bytes),
            _ => HMACSHA256.HashData(key, bytes),
        };
        return $"{content}.{Base64Url.EncodeToString(signature)}";
    }

    private static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    private static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    private static JsonObject Decode(string segment) => JsonNode.Parse(Base64Url.DecodeFromChars(segment))!.AsObject();

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject Edit(JsonObject json, Action<JsonObject> edit)
    {
        edit(json);
        return json;
    }
}
