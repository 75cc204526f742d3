using System.Diagnostics;

namespace TaskBoard.Testing;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, on a free port), so a test
/// can stop and start it without disturbing the shared server every other test uses. It runs from
/// Debian's PostgreSQL binaries, as the <c>postgres</c> user when the tests run as root.
/// </summary>
public sealed class PostgresInstance : IAsyncDisposable
{
    private readonly string binaries;
    private readonly string folder;

    private PostgresInstance(string binaries, string folder, int port)
    {
        this.binaries = binaries;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Trust authentication on loopback only: the server lives as long as the test.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(folder, "data");

    public static async Task<PostgresInstance> CreateAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderBy(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var version) ? version : 0).LastOrDefault()
            : null;
        if (binaries is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are missing. Run ./test.sh, which installs Debian's postgresql package.");
        }

        var folder = Directory.CreateTempSubdirectory("tb-pg-").FullName;
        var instance = new PostgresInstance(binaries, folder, LoopbackPort.Free());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", folder);
        }

        await instance.RunPostgresToolAsync("initdb", "-D", instance.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await instance.StartAsync();
        return instance;
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    /// <summary>Stops the server the way an operator's restart does: open connections are ended.</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(folder, recursive: true);
    }

    private Task RunPostgresToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(binaries, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

}
