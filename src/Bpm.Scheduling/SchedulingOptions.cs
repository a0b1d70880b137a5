namespace Bpm.Scheduling;

/// <summary>The <c>Scheduling</c> section of appsettings.json.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Run Quartz and the outbox relay on this node (default). Off (<c>--Scheduling:Enabled false</c>), timers are still
    /// written to the outbox but nothing hands them over or fires them: for tools and tests that apply due timers
    /// themselves (<c>DueTimerProcessor</c>), and for a node that should only serve requests while others fire timers.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the outbox is handed to Quartz (a committed timer gets its trigger within about this long).</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Run Quartz clustered (several server nodes on one database, each trigger fires on one of them). PostgreSQL and
    /// SQL Server only: on SQLite it is ignored with a warning, because Quartz can only lock SQLite in-process.
    /// </summary>
    public bool Clustered { get; set; }

    /// <summary>Quartz's scheduler name (the SCHED_NAME column); every node of a cluster uses the same one.</summary>
    public string InstanceName { get; set; } = "bpm";

    /// <summary>How many jobs run at once on this node.</summary>
    public int ThreadCount { get; set; } = 4;

    /// <summary>
    /// When a run of the apply job fails (database gone, a timer whose effect throws), its instant is tried again this much
    /// later: the run's trigger is spent, and without a new one its timers would wait for the next instant.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How late a trigger may be before Quartz calls it misfired (Quartz's default, 60 s). Either way an overdue instant
    /// fires as soon as a scheduler runs: a misfired one by its instruction "fire now". Tests shorten it to go that way.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);
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
