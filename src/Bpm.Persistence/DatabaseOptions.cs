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

    /// <summary>
    /// A relative SQLite file is taken from the settings file's folder, not from wherever the process was
    /// started: "Data Source=data/bpm.db" in /srv/bpm/appsettings.json → /srv/bpm/data/bpm.db.
    /// </summary>
    public DatabaseOptions AnchoredAt(string? folder)
    {
        if (Provider != DatabaseProvider.Sqlite || folder is null)
        {
            return this;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(folder, source));
        }

        return new DatabaseOptions { Provider = Provider, ConnectionString = builder.ToString(), MigrateOnStartup = MigrateOnStartup };
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
