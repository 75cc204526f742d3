using System.Text.Json.Nodes;
using TaskBoard.Tests.Infrastructure;

namespace TaskBoard.Tests.Api;

/// <summary>
/// The committed document (openapi/taskboard.json, from which the clients are generated and against
/// which every API test's responses are checked) is the live one, and both linters pass it clean.
/// </summary>
public sealed class OpenApiContractTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>Set to 1 to write the live document over the committed one (scripts/update-openapi.sh).</summary>
    private const string UpdateVariable = "TASKBOARD_UPDATE_OPENAPI";

    [Fact]
    public async Task TheCommittedDocumentIsTheLiveOne()
    {
        using var client = app.Client();
        var live = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(ApiContract.DocumentPath, live.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(ApiContract.DocumentPath))!;
        Assert.True(JsonNode.DeepEquals(live, committed),
            "openapi/taskboard.json differs from the live document at /openapi/v1.json. Run scripts/update-openapi.sh and commit the result.");
    }

    [Fact]
    public async Task TheBrowsableReferenceIsServed()
    {
        using var client = app.Client();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/scalar/")).StatusCode);
    }

    [Fact]
    public async Task SpectralFindsNothing()
    {
        var (exitCode, output) = await Command.NodeToolAsync("spectral", ["lint", "taskboard.json", "--ruleset", ".spectral.yaml", "--fail-severity", "hint", "--format", "text"]);

        Assert.True(exitCode == 0 && output.Contains("No results", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task RedoclyFindsNothing()
    {
        var (exitCode, output) = await Command.NodeToolAsync("redocly", ["lint", "taskboard.json", "--config", "redocly.yaml", "--format", "json"],
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

        var totals = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..output.LastIndexOf('}')] + "}")!["totals"]!;
        Assert.True(exitCode == 0 && (int)totals["errors"]! == 0 && (int)totals["warnings"]! == 0, output);
    }
}
