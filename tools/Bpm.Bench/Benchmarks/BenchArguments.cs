namespace Bpm.Bench.Benchmarks;

/// <summary>The options the database benchmarks (pages, scale) read alike.</summary>
internal static class BenchArguments
{
    /// <summary>"--reuse kept/bench.db" → the full path of a SQLite file kept by an earlier run; null without the option.</summary>
    public static string? ReuseFile(string[] args)
    {
        int at = Array.IndexOf(args, "--reuse");
        return at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
    }

    /// <summary>
    /// The PostgreSQL server to run on as well: BPM_TEST_POSTGRES when set, else the test server of tools/ci/postgres.sh with
    /// --postgres; none when a SQLite file is reused (that run measures only it).
    /// </summary>
    public static string? PostgresAdmin(string[] args, string? reuse) =>
        reuse is not null ? null
        : Environment.GetEnvironmentVariable("BPM_TEST_POSTGRES") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : args.Contains("--postgres") ? "Host=127.0.0.1;Port=55432;Username=bpm;Password=bpm;Database=bpm_test" : null;
}
