namespace TaskBoard.Tests.Hosting;

/// <summary>The deployment files in deploy/ are valid as committed.</summary>
public sealed class DeployFilesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tb-systemd-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task SystemdAcceptsTheServiceUnitWithoutAWarning()
    {
        // An instance of the template unit, as `systemctl enable taskboard@5001` makes it.
        File.Copy(Path.Combine(RepositoryRoot.Path, "deploy", "taskboard@.service"), Path.Combine(folder, "taskboard@.service"));
        File.CreateSymbolicLink(Path.Combine(folder, "taskboard@5001.service"), "taskboard@.service");

        var (exitCode, output) = await Infrastructure.Command.RunAsync("systemd-analyze", ["verify", "--man=false", "./taskboard@5001.service"], folder);

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"systemd-analyze verify said ({exitCode}):\n{output}");
    }
}
