namespace Bpm.Scheduling;

/// <summary>The <c>Scheduling</c> section of appsettings.json.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Run Quartz clustered (several server nodes on one database, each trigger fires on one of them). PostgreSQL and
    /// SQL Server only: on SQLite it is ignored with a warning, because Quartz can only lock SQLite in-process.
    /// </summary>
    public bool Clustered { get; set; }

    /// <summary>Quartz's scheduler name (the SCHED_NAME column); every node of a cluster uses the same one.</summary>
    public string InstanceName { get; set; } = "bpm";

    /// <summary>How many jobs run at once on this node.</summary>
    public int ThreadCount { get; set; } = 4;
}

/// <summary>The database Quartz keeps its tables in: the application's own (the <c>Database</c> section).</summary>
public enum SchedulingDatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>Which database and connection the job store uses; the same values as <c>Database:Provider</c> and <c>Database:ConnectionString</c>.</summary>
public sealed record SchedulingStore(SchedulingDatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Clustering is possible only where Quartz can lock rows in the database.</summary>
    public bool CanCluster => Provider != SchedulingDatabaseProvider.Sqlite;
}
