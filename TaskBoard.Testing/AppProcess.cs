using System.Diagnostics;
using System.Net;
using System.Text;

namespace TaskBoard.Testing;

/// <summary>The built TaskBoard.Web as its own process on real Kestrel, as an operator would run it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>The operating system's id of the app process (for reading its memory from /proc).</summary>
    public int ProcessId => process.Id;

    /// <summary>Everything the app has written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the app on <paramref name="port"/> (or a free loopback port) and waits until <c>/health/ready</c> answers 200.</summary>
    public static Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port = null) =>
        StartAsync(environment, port, "/health/ready");

    /// <summary>Starts the app and waits until <paramref name="probe"/> answers 200 (<c>/health/live</c>: running, whether or not its database answers).</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port, string probe)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? LoopbackPort.Free()}");
        var process = Process.Start(StartInfo(environment, ["--urls", baseAddress.ToString()]))
            ?? throw new InvalidOperationException("dotnet could not be started.");
        var app = new AppProcess(process, baseAddress);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync(probe)).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException($"TaskBoard.Web did not become ready at {baseAddress}. Its output:\n{app.Output}");
    }

    /// <summary>Runs the app with <paramref name="args"/> (such as <c>migrate</c>) until it exits by itself.</summary>
    public static Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithInputToExitAsync(environment, standardInput: null, args);

    /// <summary>Runs the app with <paramref name="args"/>, writing <paramref name="standardInput"/> (when given) to its standard input.</summary>
    public static async Task<(int ExitCode, string Output)> RunWithInputToExitAsync(
        IReadOnlyDictionary<string, string> environment, string? standardInput, params string[] args)
    {
        var start = StartInfo(environment, args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var app = new AppProcess(process, new Uri("http://unused"));
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"TaskBoard.Web did not exit within {StartTimeout}. Its output:\n{app.Output}");
        }

        process.WaitForExit(); // drains the redirected streams
        return (process.ExitCode, app.Output);
    }

    /// <summary>Sends SIGTERM, as a service manager or orchestrator does, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"TaskBoard.Web did not exit within {timeout} of SIGTERM. Its output:\n{Output}");
        }

        process.WaitForExit(); // drains the redirected streams
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var app = WebAssemblyPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>TaskBoard.Web.dll built in the same configuration as the running tests.</summary>
    private static string WebAssemblyPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot.Path, "TaskBoard.Web", "bin", testBin.Parent!.Name, testBin.Name, "TaskBoard.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build TaskBoard.Web first: {path} is missing.");
    }
}
