namespace Bpm.Testing;

/// <summary>
/// Whether tests may use PostgreSQL. <c>BPM_TEST_POSTGRES</c> holds an admin connection string (its role
/// needs CREATEDB); with <c>BPM_REQUIRE_POSTGRES=1</c> (CI, tools/test.sh) a missing or unreachable server
/// fails the PostgreSQL tests instead of skipping them.
/// </summary>
public static class PostgresEnvironment
{
    public const string ConnectionStringVariable = "BPM_TEST_POSTGRES";
    public const string RequireVariable = "BPM_REQUIRE_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Null when PostgreSQL tests should run (configured, or required and so bound to fail loudly).</summary>
    public static string? SkipReason => ConnectionString is null && !IsRequired
        ? $"{ConnectionStringVariable} is not set (run tools/ci/postgres.sh and export what it prints)"
        : null;

    /// <summary>The admin connection string, or a clear failure when PostgreSQL is required but not configured.</summary>
    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"{RequireVariable}=1 but {ConnectionStringVariable} is not set. Run `bash tools/ci/postgres.sh` and export the connection string it prints.");
}
