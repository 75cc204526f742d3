namespace TaskBoard.Data.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Which database to use. When unset: PostgreSQL if <c>ConnectionStrings:Postgres</c> is set,
    /// otherwise the embedded SQLite file.
    /// </summary>
    public DatabaseProvider? Provider { get; set; }

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Folder for local state (the SQLite file, the generated development secret); relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";
}
