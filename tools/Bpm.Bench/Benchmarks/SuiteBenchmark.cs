using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// <c>all [--quick] [--postgres]</c>: every benchmark in turn in this process (calendar, engine, http, timers, pages,
/// startup, scale), then one table of the issue's figures (<see cref="SuiteSummary"/>) read from the JSON each wrote in
/// this run, also written to artifacts/bench/summary.json with the machine, its load and the commit. Exit code 1 when a
/// benchmark failed to run; figures that miss their goal are reported, not judged here.
/// </summary>
internal static class SuiteBenchmark
{
    private static readonly (string Name, Func<string[], Task<int>> Run)[] Benchmarks =
    [
        ("calendar", args => Task.FromResult(CalendarBenchmark.Run(args))),
        ("engine", EngineBenchmark.RunAsync),
        ("http", HttpBenchmark.RunAsync),
        ("timers", TimersBenchmark.RunAsync),
        ("pages", PagesBenchmark.RunAsync),
        ("startup", StartupBenchmark.RunAsync),
        ("scale", ScaleBenchmark.RunAsync),
    ];

    public sealed record Outcome(string Benchmark, int ExitCode, double Seconds, string? Error);

    public static async Task<int> RunAsync(string[] args)
    {
        string[] passed = [.. args.Where(a => a is "--quick" or "--postgres")];
        // Publishing the server is building, not benchmarking: done (or found current) before the suite's clock starts.
        var publishing = Stopwatch.StartNew();
        if (!await HttpBenchmark.BuildServerAsync(BenchOutput.FindRepositoryRoot()))
        {
            return 1;
        }
        double publishSeconds = Math.Round(publishing.Elapsed.TotalSeconds, 1);

        var suiteStarted = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        double? loadBefore = ScaleBenchmark.LoadAverage();
        var outcomes = new List<Outcome>();
        var results = new Dictionary<string, JsonNode>();
        string directory = Path.Combine(BenchOutput.FindRepositoryRoot(), "artifacts", "bench");
        foreach (var (name, run) in Benchmarks)
        {
            Console.WriteLine($"\n==> benchmark {name} {string.Join(' ', passed)}");
            var started = Stopwatch.StartNew();
            int exitCode;
            string? error = null;
            try
            {
                exitCode = await run(passed);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One benchmark's failure must not hide the others' figures.
                exitCode = 1;
                error = exception.Message;
                Console.Error.WriteLine($"benchmark {name} failed: {exception}");
            }
            outcomes.Add(new Outcome(name, exitCode, Math.Round(started.Elapsed.TotalSeconds, 1), error));
            string file = Path.Combine(directory, name + ".json");
            if (File.Exists(file) && JsonNode.Parse(await File.ReadAllTextAsync(file)) is JsonObject written
                && written["measuredAt"]?.GetValue<DateTimeOffset>() >= suiteStarted)
            {
                results[name] = written;
            }
        }

        var rows = SuiteSummary.Build(results);
        string commit = await CommitAsync();
        double? loadAfter = ScaleBenchmark.LoadAverage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nsummary of all benchmarks{(passed.Contains("--quick") ? " (--quick: small data sets, not the issue's sizes)" : "")}: commit {commit}, {Environment.ProcessorCount} cores, {CpuModel()}, load {loadBefore} → {loadAfter}, {clock.Elapsed.TotalSeconds:N0} s (publishing the server before: {publishSeconds:N0} s)"));
        Console.Write(SuiteSummary.Render(rows));
        foreach (var outcome in outcomes.Where(o => o.ExitCode != 0))
        {
            Console.WriteLine($"benchmark {outcome.Benchmark} FAILED (exit {outcome.ExitCode}){(outcome.Error is null ? "" : ": " + outcome.Error)}; its figures are absent");
        }

        string path = BenchOutput.Write("summary", new
        {
            benchmark = "all",
            measuredAt = suiteStarted,
            quick = passed.Contains("--quick"),
            commit,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            processorCount = Environment.ProcessorCount,
            cpu = CpuModel(),
            loadBefore,
            loadAfter,
            totalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            publishSeconds,
            benchmarks = outcomes,
            figures = rows,
        });
        Console.WriteLine($"wrote {path}");
        return outcomes.All(o => o.ExitCode == 0) ? 0 : 1;
    }

    private static async Task<string> CommitAsync()
    {
        var git = await ChildProcess.RunAsync(ChildProcess.FindOnPath("git") ?? "git", ["rev-parse", "--short", "HEAD"], BenchOutput.FindRepositoryRoot(), TimeSpan.FromSeconds(10));
        return git.Succeeded ? git.StandardOutput.Trim() : "unknown";
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
