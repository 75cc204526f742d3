using System.Net;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Auth;

public sealed class OpenApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task TheDocumentDescribesTheBearerSchemeAndTheAuthEndpoints()
    {
        using var client = app.Client();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/auth/sign-up", "/api/auth/sign-in", "/api/auth/sign-out", "/api/auth/session", "/api/sessions", "/api/sessions/{id}", "/api/tokens" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/")).StatusCode);
    }
}
