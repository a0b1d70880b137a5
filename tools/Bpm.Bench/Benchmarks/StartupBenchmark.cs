using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// Server start-up: from starting <c>dotnet Bpm.Server.dll</c> (Release, a separate process) to the first 200 on
/// <c>/health</c> (polled every 10 ms over loopback), on SQLite. Two cases: restart on a database that is already
/// migrated and seeded (the normal case), and first start on a new file (migrations + demo directory; its first run makes
/// the restarts' database). 10 runs each (quick 3; first start quick 1), p50 and max. Baseline in the same run: a minimal ASP.NET Core app with one <c>/health</c> route
/// (<see cref="MinimalHealthApp"/>, started from this tool's own DLL the same way, tiered compilation on as the server
/// has it), i.e. what the runtime and Kestrel alone cost on this machine now. Goal: restart &lt; 3 s.
/// </summary>
internal static class StartupBenchmark
{
    public sealed record Case(string Name, int Runs, int Failed, double P50Seconds, double MaxSeconds, IReadOnlyList<double> Seconds);

    public const double GoalSeconds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        bool quick = args.Contains("--quick");
        int runs = quick ? 3 : 10;
        string root = BenchOutput.FindRepositoryRoot();
        string serverDll = HttpBenchmark.ServerDll(root);
        string benchDll = Path.Combine(AppContext.BaseDirectory, "Bpm.Bench.dll");
        if (!await HttpBenchmark.BuildServerAsync(root))
        {
            return 1;
        }

        DirectoryInfo temp = Directory.CreateTempSubdirectory("bpm-bench-startup-");
        try
        {
            string existing = Path.Combine(temp.FullName, "existing.db");
            string log = Path.Combine(temp.FullName, "server.log");
            // The first of the first starts makes the database the restarts use (migrated and seeded); --quick measures
            // only that one first start (reported for information, the goal is the restart's).
            var fresh = await RunCaseAsync("first start, new SQLite file (migrate + seed)", quick ? 1 : runs,
                run => [serverDll, .. DatabaseArguments(run == 0 ? existing : Path.Combine(temp.FullName, $"fresh-{run.ToString(CultureInfo.InvariantCulture)}.db"))], root, log, tieredCompilation: false);
            if (fresh.Failed > 0 && !File.Exists(existing))
            {
                Console.Error.WriteLine($"the server did not start; its log:\n{HttpBenchmark.TailOf(log)}");
                return 1;
            }

            var baseline = await RunCaseAsync("baseline: minimal ASP.NET Core app, /health", runs, _ => [benchDll, MinimalHealthApp.Command], root, log, tieredCompilation: true);
            var restart = await RunCaseAsync("restart, migrated SQLite database", runs, _ => [serverDll, .. DatabaseArguments(existing)], root, log, tieredCompilation: false);
            Case[] cases = [baseline, restart, fresh];

            var culture = CultureInfo.InvariantCulture;
            Console.WriteLine($"server start-up to the first 200 on /health ({runs} runs each, load {ScaleBenchmark.LoadAverage()})");
            Console.WriteLine($"{"case",-48} {"runs",5} {"failed",7} {"p50 s",7} {"max s",7} {"x baseline",10} {"< 3 s",6}");
            foreach (var c in cases)
            {
                Console.WriteLine(string.Create(culture,
                    $"{c.Name,-48} {c.Runs,5} {c.Failed,7} {c.P50Seconds,7:N2} {c.MaxSeconds,7:N2} {(baseline.P50Seconds > 0 ? c.P50Seconds / baseline.P50Seconds : 0),10:N1} {(c == baseline ? "" : c.MaxSeconds < GoalSeconds && c.Failed == 0 ? "yes" : "NO"),6}"));
            }

            string path = BenchOutput.Write("startup", new
            {
                benchmark = "startup",
                measuredAt = TimeProvider.System.GetUtcNow(),
                quick,
                runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                processorCount = Environment.ProcessorCount,
                load = ScaleBenchmark.LoadAverage(),
                goalSeconds = GoalSeconds,
                baseline,
                restart,
                fresh,
            });
            Console.WriteLine($"wrote {path}");
            return cases.All(c => c.Failed == 0) ? 0 : 1;
        }
        finally
        {
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the folder is in the temp directory and harmless.
            }
        }
    }

    private static string[] DatabaseArguments(string file) =>
        [$"--Database:ConnectionString=Data Source={file}", "--PeriodicDuties:Enabled=false"];

    private static async Task<Case> RunCaseAsync(string name, int runs, Func<int, string[]> arguments, string root, string log, bool tieredCompilation)
    {
        var seconds = new List<double>();
        int failed = 0;
        for (int run = 0; run < runs; run++)
        {
            if (await TimeToHealthAsync(root, arguments(run), log, tieredCompilation) is { } time)
            {
                seconds.Add(time);
            }
            else
            {
                failed++;
                Console.Error.WriteLine($"{name}: run {run} did not answer /health; log:\n{HttpBenchmark.TailOf(log)}");
            }
        }
        double[] sorted = [.. seconds.Order()];
        return new Case(name, runs, failed, HttpBenchmark.Percentile(sorted, 0.5), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 2), [.. seconds.Select(s => Math.Round(s, 3))]);
    }

    /// <summary>Seconds from the process start to the first 200 on /health, or null (no answer in 120 s: a first start on a busy machine took 50 s); the process is then killed.</summary>
    private static async Task<double?> TimeToHealthAsync(string root, string[] arguments, string log, bool tieredCompilation)
    {
        int port = HttpBenchmark.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo(ChildProcess.FindOnPath("dotnet") ?? "dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments.Concat(["--urls", baseAddress.ToString().TrimEnd('/')]))
        {
            start.ArgumentList.Add(argument);
        }
        if (tieredCompilation)
        {
            // This tool's runtimeconfig turns tiered compilation off (for its in-process loops); the baseline app runs with the default, like the server.
            start.Environment["DOTNET_TieredCompilation"] = "1";
        }

        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(1) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + arguments[0]);
        process.StandardInput.Close();
        var output = new StreamWriter(log) { AutoFlush = true };
        var writer = TextWriter.Synchronized(output);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        double? seconds = null;
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
            {
                try
                {
                    using var response = await probe.GetAsync(new Uri("/health", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        seconds = clock.Elapsed.TotalSeconds;
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(10);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            await output.DisposeAsync();
        }
        return seconds;
    }
}

/// <summary>The start-up baseline: ASP.NET Core's smallest app, one <c>GET /health</c> answering "Healthy".</summary>
internal static class MinimalHealthApp
{
    public const string Command = "minimal-health";

    public static async Task<int> RunAsync(string[] args)
    {
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/health", () => Results.Text("Healthy"));
        await app.RunAsync();
        return 0;
    }
}
