using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskBoard.Data.Users;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class PasswordPolicyTests(ApiApp app) : IClassFixture<ApiApp>
{
    public static TheoryData<string, bool> Passwords => new()
    {
        { "q7#kLm2", false },                       // 7 characters
        { "q7#kLm2x", true },                       // 8
        { new string('z', 64) + "Q9", true },
        { string.Concat(Enumerable.Repeat("kx7", 42)) + "pq", true },  // 128
        { string.Concat(Enumerable.Repeat("kx7", 43)), false },       // 129
        { "password123", false },                   // on the common-password list
        { "PASSWORD123", false },                   // compared case-insensitively
        { "iloveyou2", false },
        { "🙂🙂🙂🙂🙂🙂🙂🙂", true },                  // 8 characters, 16 UTF-16 units
        { "11111111", false },                      // common
        { "QwertyUIOP", false },
        { "correct horse battery", true },          // no composition rules
    };

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task SignUpAppliesThePasswordPolicy(string password, bool accepted)
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/auth/sign-up",
            new { email = $"p-{Guid.NewGuid():N}@example.test", password, name = "Policy" });

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("validation_failed", body.GetProperty("code").GetString());
            Assert.True(body.GetProperty("errors").TryGetProperty("password", out _));
        }
    }

    [Theory]
    [InlineData("not-an-email", "email")]
    [InlineData("", "email")]
    [InlineData("a@b.c\u0000", "email")]
    [InlineData(null, "name")]
    public async Task SignUpReportsBadFieldsByName(string? email, string field)
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/auth/sign-up", field == "name"
            ? new { email = (string?)$"n-{Guid.NewGuid():N}@example.test", password = "good long passphrase", name = (string?)null }
            : new { email, password = "good long passphrase", name = (string?)"Ok" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ASecondSignUpWithTheSameEmailIsAConflict()
    {
        var account = await app.SignUpAsync();
        using var client = app.Client();

        var again = await client.PostAsJsonAsync("/api/auth/sign-up",
            new { email = account.Email.ToUpperInvariant(), password = "another good passphrase", name = "Copy" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("email_taken", await Problems.CodeAsync(again));
    }

    [Fact]
    public async Task StoredHashesUseTheOwaspWorkFactorAndOlderOnesAreUpgradedAtSignIn()
    {
        var account = await app.SignUpAsync();
        Assert.Equal(AccountServiceCollectionExtensions.PasswordHashIterations, await IterationsAsync(account.UserId));

        // Replace the hash with one made at .NET's older default of 100 000 iterations.
        var weak = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(new AppUser(), account.Password);
        await using (var db = await app.Database.Factory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == account.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, weak));
        }

        Assert.Equal(100_000, await IterationsAsync(account.UserId));
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
        Assert.Equal(AccountServiceCollectionExtensions.PasswordHashIterations, await IterationsAsync(account.UserId));
        Assert.Equal(HttpStatusCode.OK, (await app.SignInAsync(account.Email, account.Password)).StatusCode);
    }

    /// <summary>Identity V3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.</summary>
    private async Task<int> IterationsAsync(Guid userId)
    {
        await using var db = await app.Database.Factory.CreateDbContextAsync();
        var hash = Convert.FromBase64String(await db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash!).SingleAsync());
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // HMACSHA512
        return (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5));
    }
}
