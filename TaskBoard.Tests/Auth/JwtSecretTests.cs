using System.Security.Cryptography;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskBoard.Tests.Auth;

/// <summary>The signing secret's configuration, checked on the app as a real process.</summary>
public sealed class JwtSecretTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"taskboard-secret-{Guid.NewGuid():N}");

    private Dictionary<string, string> Environment(string environment, params (string Key, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Database__DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        return variables;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task OutsideDevelopmentAMissingSecretStopsStartupAndSaysHowToMakeOne()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment("Production"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Jwt:Secret is not set", output);
        Assert.Contains("BETTER_AUTH_SECRET", output);
        Assert.Contains("openssl rand", output);
    }

    [Fact]
    public async Task TwoRingKeysWithOneIdStopStartupNamingTheKeyWithoutShowingASecret()
    {
        var (first, second) = (Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));

        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment("Production",
            ("Auth__Jwt__Keys__0__Id", "2026-01"), ("Auth__Jwt__Keys__0__Secret", first),
            ("Auth__Jwt__Keys__1__Id", "2026-01"), ("Auth__Jwt__Keys__1__Secret", second)));

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Jwt:Keys:1:Id '2026-01' is used by another key of Auth:Jwt:Keys", output);
        Assert.DoesNotContain(first, output);
        Assert.DoesNotContain(second, output);
    }

    [Fact]
    public async Task ASecretAndARingTogetherStopStartup()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment("Production",
            ("Auth__Jwt__Secret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))),
            ("Auth__Jwt__Keys__0__Id", "2026-01"), ("Auth__Jwt__Keys__0__Secret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)))));

        Assert.Equal(1, exitCode);
        Assert.Contains("Set either Auth:Jwt:Secret or Auth:Jwt:Keys, not both", output);
    }

    [Fact]
    public async Task AShortSecretStopsStartupWithoutShowingIt()
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(Environment("Production", ("Auth__Jwt__Secret", "short-but-secret-value")));

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:Jwt:Secret is 22 bytes long; it must be at least 32 bytes", output);
        Assert.DoesNotContain("short-but-secret-value", output);
    }

    [Fact]
    public async Task BetterAuthSecretIsAcceptedAsTheSigningSecret()
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(40));
        await using var app = await AppProcess.StartAsync(Environment("Production", ("BETTER_AUTH_SECRET", secret)));

        var token = await SignUpAsync(app);

        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.True(validation.IsValid);
        Assert.DoesNotContain(secret, app.Output);
    }

    [Fact]
    public async Task InDevelopmentASecretIsGeneratedOnceKeptPrivateAndSurvivesARestart()
    {
        string token;
        await using (var first = await AppProcess.StartAsync(Environment("Development")))
        {
            token = await SignUpAsync(first);
            Assert.Contains("a development secret was generated", first.Output);
        }

        var file = Path.Combine(dataDirectory, "jwt-secret");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var secret = await File.ReadAllTextAsync(file);
        Assert.True(Encoding.UTF8.GetByteCount(secret) >= 32);

        await using var second = await AppProcess.StartAsync(Environment("Development"));
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.True((await client.GetAsync("/api/auth/session")).IsSuccessStatusCode);
        Assert.Equal(secret, await File.ReadAllTextAsync(file));
        Assert.DoesNotContain(secret, second.Output);
    }

    private static async Task<string> SignUpAsync(AppProcess app)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/auth/sign-up",
            new { email = $"s-{Guid.NewGuid():N}@example.test", password = "a good long passphrase", name = "Secret" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
