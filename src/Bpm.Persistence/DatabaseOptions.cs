namespace Bpm.Persistence;

/// <summary>The <c>Database</c> section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default), <c>PostgreSql</c> or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Default: a SQLite file under ./data/, e.g. <c>Data Source=data/bpm.db</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/bpm.db";

    /// <summary>Apply pending migrations when the server starts (default on).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
