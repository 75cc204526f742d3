using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Serilog.Core;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>An account made through the real sign-up, with the token it returned.</summary>
public sealed record TestAccount(string Email, string Password, string Token, Guid UserId, Guid SessionId);

/// <summary>
/// The real app (in memory, on its own PostgreSQL database) with a random JWT secret in its
/// configuration, as an operator would set it. Every log event also reaches <see cref="Log"/>
/// (an extra Serilog sink), so tests can read what the app logged. Subclasses change settings
/// (such as rate limits).
/// </summary>
public class ApiApp : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();
    private TaskBoardFactory? factory;

    public string Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>Every event the app has logged, at every level.</summary>
    public LogCapture Log { get; } = new();

    public TaskBoardFactory Factory => factory ?? throw new InvalidOperationException("Not initialised.");

    public PostgresDatabase Database => database;

    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["RateLimits:Client:PermitLimit"] = "1000000",
        ["RateLimits:Auth:PermitLimit"] = "100000",
        ["RateLimits:Api:PermitLimit"] = "100000",
    };

    /// <summary>Runs before the app starts (for what its settings point at, such as a mail server).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await PrepareAsync();
        var settings = Settings();
        settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        settings["Auth:Jwt:Secret"] = Secret;
        settings["Serilog:MinimumLevel:Default"] = "Verbose";
        settings["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose";
        settings["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose";
        factory = new TaskBoardFactory(settings, services => services.AddSingleton<ILogEventSink>(Log));
        _ = factory.Server; // start now, so startup failures surface here
    }

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    /// <summary>A client of the API whose every <c>/api</c> response is checked against the OpenAPI document.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = Factory.ApiClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A browser-like client over HTTPS: it keeps cookies (Secure ones included) and does not follow redirects.</summary>
    public HttpClient BrowserClient() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    public async Task<TestAccount> SignUpAsync(string? password = null)
    {
        var email = $"user-{Guid.NewGuid():N}@example.test";
        password ??= $"pw-{Guid.NewGuid():N}";
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/auth/sign-up", new { email, password, name = "Test User" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var jwt = new JsonWebToken(token);
        return new TestAccount(email, password, token, Guid.Parse(jwt.Subject), Guid.Parse(jwt.GetPayloadValue<string>("sid")));
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var client = Client();
        return await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
    }

    public async Task<string> SignInTokenAsync(TestAccount account)
    {
        var response = await SignInAsync(account.Email, account.Password);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>The status and problem code of <c>GET /api/auth/session</c> with this token.</summary>
    public async Task<(int Status, string? Code)> SessionStatusAsync(string token)
    {
        using var client = Client(token);
        var response = await client.GetAsync("/api/auth/session");
        return ((int)response.StatusCode, await Problems.CodeAsync(response));
    }
}

public static class Problems
{
    /// <summary>The <c>code</c> of a problem+json response, or null for anything else.</summary>
    public static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.TryGetProperty("traceId", out _), "problem+json without traceId");
        return body.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
