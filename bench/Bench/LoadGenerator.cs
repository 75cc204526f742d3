using System.Diagnostics;
using System.Globalization;

namespace TaskBoard.Bench;

/// <summary>One wrk run's outcome; latencies in milliseconds.</summary>
internal sealed record LoadResult(long Requests, double Seconds, double P50, double P99, long BadStatuses, long SocketErrors)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>Runs Debian's wrk with <c>bench/wrk/scenario.lua</c> and reads the line its <c>done</c> hook prints.</summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(Uri target, string scenario, int connections, TimeSpan duration, string usersFile, string script)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s",
            "--timeout", "10s",
            "-s", script, target.ToString(), "--", scenario, usersFile,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk could not be started (apt install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}):\n{output}{error}");
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new LoadResult(f[0], f[1] / 1e6, f[2] / 1e3, f[3] / 1e3, f[4], f[5]);
    }
}
