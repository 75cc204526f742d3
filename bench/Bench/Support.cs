using System.Diagnostics;
using System.Globalization;
using System.Text;
using TaskBoard.Testing;

namespace TaskBoard.Bench;

/// <summary>The baseline app (bench/Baseline, built in the same configuration) as its own process.</summary>
internal sealed class BaselineProcess : IAsyncDisposable
{
    private readonly Process process;

    private BaselineProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BaselineProcess> StartAsync(string connectionString, string secret)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryRoot.Path, "bench", "Baseline", "bin", configuration.Parent!.Name, configuration.Name, "Baseline.dll");
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BASELINE_POSTGRES"] = connectionString;
        start.Environment["BASELINE_JWT_SECRET"] = secret;
        start.Environment["BASELINE_URL"] = address.ToString();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The baseline could not be started.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return new BaselineProcess(process, address);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        process.Kill();
        throw new InvalidOperationException($"The baseline did not start ({dll}).");
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

internal static class ProcessMemory
{
    /// <summary>The process's peak resident memory so far (VmHWM), in KiB.</summary>
    public static long PeakKb(int processId) =>
        File.ReadLines($"/proc/{processId}/status")
            .Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .First();
}

internal static class Report
{
    public static string Markdown(
        DataSize size, int[] connectionCounts, TimeSpan duration, int users, string[] scenarios,
        Dictionary<(string Scenario, int Connections, string Target), LoadResult> results, long peakKb, BoardResult? board)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Data: {size.Users:N0} users, {size.Tasks:N0} tasks, plus one user with {size.BoardTasks:N0}. " +
            $"Load: wrk, {duration.TotalSeconds:F0} s per run, {users} signed-in users, TaskBoard and baseline alternating. " +
            $"Machine: {Environment.ProcessorCount} cores. Latencies in ms.");
        text.AppendLine();
        text.AppendLine("| Scenario | Conns | TaskBoard req/s | p50 | p99 | Baseline req/s | p50 | p99 | Throughput ratio | p99 ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            foreach (var connections in connectionCounts)
            {
                var t = results[(scenario, connections, "TaskBoard")];
                var b = results[(scenario, connections, "Baseline")];
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scenario} | {connections} | {t.Throughput:F0} | {t.P50:F2} | {t.P99:F2} | {b.Throughput:F0} | {b.P50:F2} | {b.P99:F2} | " +
                    $"{t.Throughput / b.Throughput:P0} | {t.P99 / b.P99:F2}× |");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"TaskBoard peak resident memory (VmHWM, after the mixed runs): {peakKb / 1024.0:F0} MB.");
        if (board is null)
        {
            return text.ToString();
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Board of {size.BoardTasks:N0} tasks ({board.CardsInDom} cards in the page): navigation to interactive " +
            $"median {Median(board.InteractiveMs):F0} ms (runs: {string.Join(", ", board.InteractiveMs.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}); " +
            $"drag-and-drop round trip median {Median(board.DragMs):F0} ms (runs: {string.Join(", ", board.DragMs.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}).");
        return text.ToString();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
