namespace TaskBoard.Tests.Hosting;

/// <summary>Every section is checked at startup the same way: one line naming the key, exit code 1, no stack trace.</summary>
public sealed class ConfigurationValidationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tb-config-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Shutdown__DrainDelay", "soon", "'Shutdown:DrainDelay'" },
        { "Email__MaxAttempts", "many", "'Email:MaxAttempts'" },
        { "RateLimits__Api__PermitLimit", "0", "RateLimits:Api needs a PermitLimit of at least 1" },
        { "Auth__Sessions__BrowserIdleTimeout", "00:00:01", "Auth:Sessions:BrowserIdleTimeout must be longer" },
        { "Auth__Lockout__MaxFailedAttempts", "0", "Auth:Lockout:MaxFailedAttempts must be at least 1" },
        { "App__PublicUrl", "tasks.example.com", "App:PublicUrl must be an absolute http or https address" },
        { "Cors__AllowedOrigins__0", "https://app.example.com/path", "Cors:AllowedOrigins contains 'https://app.example.com/path'" },
        { "Auth__Browser__Lifetime", "-01:00:00", "Auth:Browser:Lifetime must be positive" },
        { "Auth__Jwt__Lifetime", "a week", "'Auth:Jwt:Lifetime'" },
        { "OpenApi__Enabled", "sometimes", "'OpenApi:Enabled'" },
        { "Telemetry__Otlp__Protocol", "udp", "Telemetry:Otlp:Protocol is 'udp'" },
        { "Database__Provider", "Oracle", "'Database:Provider'" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task ABadValueStopsStartupWithOneLineNamingItsKey(string variable, string value, string expected)
    {
        var (exitCode, output) = await AppProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__DataDirectory"] = folder,
            ["Auth__Jwt__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["HOME"] = folder,
            [variable] = value,
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("TaskBoard cannot start:", StringComparison.Ordinal));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", output);
    }
}
