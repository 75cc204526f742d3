using System.Diagnostics;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>Runs a program to its end and answers its exit code and everything it printed.</summary>
public static class Command
{
    /// <summary>The folder with the npm tools of openapi/package.json (installed by test.sh with npm ci).</summary>
    public static readonly string OpenApiFolder = Path.Combine(RepositoryRoot.Path, "openapi");

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>A tool from openapi/node_modules/.bin, run in openapi/.</summary>
    public static Task<(int ExitCode, string Output)> NodeToolAsync(string tool, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = Path.Combine(OpenApiFolder, "node_modules", ".bin", tool);
        Assert.True(File.Exists(path), $"{path} is missing: run `npm ci` in openapi/ (./test.sh does).");
        return RunAsync(path, arguments, OpenApiFolder, environment);
    }
}
