using System.Diagnostics;
using System.Globalization;
using TaskBoard.Testing;

namespace TaskBoard.Bench;

/// <summary>
/// Profiles TaskBoard while a load runs and writes where the time went. With Linux perf (package linux-perf)
/// it samples the CPU (software clock, with the runtime's perf map for JIT-compiled methods: the app is
/// started with DOTNET_PerfMapEnabled=1); without it, dotnet-trace (a local tool, dotnet-tools.json) samples
/// the managed threads' stacks, which also counts time spent waiting.
/// </summary>
internal static class Profiler
{
    /// <summary>
    /// The environment TaskBoard starts with when it is to be profiled: a perf map of the JIT-compiled methods,
    /// every method JIT-compiled (precompiled framework code has no map), and no double mapping of code
    /// (perf would see the mapping, not the method).
    /// </summary>
    public static void Prepare(Dictionary<string, string> settings)
    {
        settings["DOTNET_PerfMapEnabled"] = "1";
        settings["DOTNET_ReadyToRun"] = "0";
        settings["DOTNET_EnableWriteXorExecute"] = "0";
    }

    /// <summary>Profiles process <paramref name="processId"/> for <paramref name="duration"/>; the task ends with the report's path.</summary>
    public static async Task<string> ProfileAsync(int processId, string name, TimeSpan duration, string folder)
    {
        var report = Path.Combine(folder, $"profile-{name}.txt");
        var seconds = ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (File.Exists("/usr/bin/perf"))
        {
            var data = Path.Combine(folder, $"profile-{name}.perf");
            await RunAsync("perf", ["record", "-F", "999", "-g", "-e", "cpu-clock", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", data, "--", "sleep", seconds]);
            var own = await RunAsync("perf", ["report", "-i", data, "--stdio", "--no-children", "--sort", "symbol", "--percent-limit", "0.4", "-g", "none"]);
            var inclusive = await RunAsync("perf", ["report", "-i", data, "--stdio", "--children", "--sort", "symbol", "--percent-limit", "1.5", "-g", "none"]);
            await File.WriteAllTextAsync(report, $"# {name}: CPU samples (perf, cpu-clock, 999 Hz) over {seconds} s\n\n## By own time\n{own}\n## Including callees\n{inclusive}");
            return report;
        }

        var trace = Path.Combine(folder, $"profile-{name}.nettrace");
        File.Delete(trace);
        await RunAsync("dotnet", ["tool", "run", "dotnet-trace", "--", "collect", "-p", processId.ToString(CultureInfo.InvariantCulture),
            "--profile", "dotnet-sampled-thread-time", "--duration", $"00:00:00:{seconds.PadLeft(2, '0')}", "-o", trace]);
        var ownTime = await RunAsync("dotnet", ["tool", "run", "dotnet-trace", "--", "report", trace, "topN", "-n", "60"]);
        var withCallees = await RunAsync("dotnet", ["tool", "run", "dotnet-trace", "--", "report", trace, "topN", "-n", "120", "--inclusive"]);
        await File.WriteAllTextAsync(report, $"# {name}: thread-time samples (dotnet-trace) over {seconds} s\n\n## By own time\n{ownTime}\n## Including callees\n{withCallees}");
        return report;
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{program} failed: {await error}{await output}");
    }
}
