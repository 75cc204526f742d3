using System.Net;
using System.Text.Json;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Api;

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

    public static TheoryData<string, string, string> TaskOperations => new()
    {
        { "/api/tasks", "get", "200 400 401 429" },
        { "/api/tasks", "post", "201 400 401 413 415 429" },
        { "/api/tasks/{id}", "get", "200 304 401 404 429" },
        { "/api/tasks/{id}", "patch", "200 400 401 404 412 413 415 429" },
        { "/api/tasks/{id}", "put", "200 400 401 404 412 413 415 429" },
        { "/api/tasks/{id}", "delete", "204 401 404 412 429" },
        { "/api/tasks/{id}/move", "post", "200 400 401 404 412 413 415 429" },
    };

    [Theory]
    [MemberData(nameof(TaskOperations))]
    public async Task EveryTaskOperationIsDocumentedWithItsStatusesSchemasAndAnExample(string path, string method, string statuses)
    {
        using var client = app.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.True(operation.TryGetProperty("summary", out _));
        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(statuses.Split(' ').ToHashSet(), documented);
        var success = operation.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
        if (method != "delete")
        {
            var media = success.GetProperty("content").GetProperty("application/json");
            Assert.True(media.TryGetProperty("schema", out _));
            Assert.True(media.TryGetProperty("example", out _), "no response example");
        }

        if (method is "post" or "put" or "patch")
        {
            var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.True(body.TryGetProperty("schema", out _));
            Assert.True(body.TryGetProperty("example", out _), "no request example");
        }
    }
}
