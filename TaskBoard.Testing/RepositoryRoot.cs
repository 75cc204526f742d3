namespace TaskBoard.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding TaskBoard.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "TaskBoard.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (TaskBoard.sln not found above the test binaries).");
    }
}
