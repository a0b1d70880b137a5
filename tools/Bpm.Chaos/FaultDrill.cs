using System.Diagnostics;
using System.Globalization;

namespace Bpm.Chaos;

/// <summary>
/// The two drills on a fresh PostgreSQL database:
/// <list type="bullet">
/// <item><c>crash</c>: one server under load, killed with SIGKILL at random moments (seeded), restarted each time;</item>
/// <item><c>cluster</c>: two servers with Quartz clustered, load spread over both, one of them killed mid-run (the long
/// mode kills and restarts several times, the last victim stays down so the survivor must take over its timers).</item>
/// </list>
/// Then the drill waits until no due timer is pending (or a limit passes), reads the database and checks it
/// (<see cref="DrillChecker"/>). Exit code 0 passed, 1 a loss or duplicate found, 2 the drill could not run.
/// </summary>
public static class FaultDrill
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan AfterKillsLimit = TimeSpan.FromSeconds(60);

    /// <summary>How long POLICY waits between 受理登记 and 分派 in the drill's workflow (see <see cref="DrillWorkflows"/>).</summary>
    private static readonly TimeSpan DrillDelay = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string command, DrillSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cluster = command == "cluster";
        var root = RepositoryRoot();
        var serverDll = Path.Combine(root, "src", "Bpm.Server", "bin", "Release", "net10.0", "Bpm.Server.dll");
        if (!File.Exists(serverDll))
        {
            await Console.Error.WriteLineAsync($"{serverDll} not found: build first (dotnet build Bpm.sln -c Release)");
            return 2;
        }

        var logFolder = Path.Combine(root, "artifacts", "chaos", $"{command}-{settings.Seed.ToString(CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(logFolder);
        Console.WriteLine($"{command} drill: seed {settings.Seed}, {settings.Kills} kill(s), up to {settings.Requests} requests from {settings.Workers} clients; server logs in {logFolder}");
        var stopwatch = Stopwatch.StartNew();
        await using var database = await DrillDatabase.CreateAsync(cancellationToken);
        database.Keep = settings.KeepDatabase;
        var workflows = DrillWorkflows.Write(root, Path.Combine(logFolder, "workflows"), DrillDelay);
        var serverSettings = new List<string>
        {
            $"--Workflows:Folder={workflows}",
            "--Database:Provider=PostgreSql",
            $"--Database:ConnectionString={database.ConnectionString}",
            "--Limits:SignInPerMinute=100000",
            "--PeriodicDuties:Enabled=false",
            "--Scheduling:RetryDelay=00:00:05",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Bpm=Information",
        };
        if (cluster)
        {
            serverSettings.Add("--Scheduling:Clustered=true");
        }

        var nodes = (cluster ? new[] { "node-a", "node-b" } : ["node"])
            .Select(name => new ServerNode(name, root, serverDll, ServerNode.FreePort(), serverSettings, logFolder)).ToList();
        try
        {
            foreach (var node in nodes)
            {
                // One after another: the first migrates the fresh database and seeds the demo bureaus.
                if (!await node.StartAsync(StartLimit, cancellationToken))
                {
                    return 2;
                }
            }

            var ledger = new DrillLedger();
            var load = new LoadGenerator(nodes, ledger, settings.Seed);
            var kills = await DriveAndKillAsync(nodes, load, settings, cluster, cancellationToken);
            if (kills < 0)
            {
                return 2;
            }

            Console.WriteLine($"{kills} kill(s) done, {load.Issued} registrations reached a server in {stopwatch.Elapsed.TotalSeconds:F0} s; waiting for due timers to settle …");
            // The last completions' delays fall due after the load stopped: wait them out, then until nothing due is pending.
            await Task.Delay(DrillDelay + TimeSpan.FromSeconds(2), cancellationToken);
            var pending = await SettleAsync(database.ConnectionString, cancellationToken);
            var facts = await DrillFactsReader.ReadAsync(database.ConnectionString, cancellationToken);
            var report = DrillChecker.Check(ledger, facts, TimeSpan.FromSeconds(5));
            foreach (var problem in report.Problems.Take(50))
            {
                Console.WriteLine($"  PROBLEM {problem}");
            }

            Console.WriteLine("  answers: " + string.Join(", ", ledger.Registrations.Select(r => $"register {r.Outcome} {r.Status}")
                .Concat(ledger.Completions.Select(c => $"complete {c.Outcome} {c.Status}")).GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key} ×{g.Count()}")));
            var refused = ledger.Registrations.Count(r => r.Outcome == CallOutcome.Refused) + ledger.Completions.Count(c => c.Outcome == CallOutcome.Refused);
            Console.WriteLine(
                $"{command} drill seed {settings.Seed}: {kills} kill(s) survived; registrations {report.RegistrationsConfirmed} confirmed + {report.RegistrationsUnknown} unknown; " +
                $"completions {report.CompletionsConfirmed} confirmed + {report.CompletionsUnknown} unknown ({ledger.Completions.Count(c => c.Outcome == CallOutcome.Refused && c.Status == 409)} lost races answered 409); " +
                $"timers {report.TimersApplied} applied, {report.TimersDue} due all closed{(pending > 0 ? $" except {pending}" : "")}; other refusals {refused}; " +
                $"{report.Problems.Count} problem(s) in {stopwatch.Elapsed.TotalSeconds:F0} s → {(report.Passed ? "PASSED" : "FAILED")}");
            return report.Passed ? 0 : 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Runs the load and kills nodes while it runs; returns the kills done, -1 when a node would not come back.</summary>
    private static async Task<int> DriveAndKillAsync(List<ServerNode> nodes, LoadGenerator load, DrillSettings settings, bool cluster, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var driving = load.RunAsync(settings.Workers, settings.Requests, stopLoad.Token);
        var kills = 0;
        try
        {
            for (var k = 0; k < settings.Kills && !driving.IsCompleted; k++)
            {
                // Each kill interrupts live traffic: first a new 201 (the node is up and warm), then a random while.
                await LiveAsync(load, driving, cancellationToken);
                var uptime = settings.MinUptime + (settings.MaxUptime - settings.MinUptime) * random.NextDouble();
                await Task.WhenAny(driving, Task.Delay(uptime, cancellationToken));
                var victim = nodes[random.Next(nodes.Count)];
                await victim.KillAsync(cancellationToken);
                kills++;
                var last = k == settings.Kills - 1;
                Console.WriteLine($"  kill {kills}: {victim.Name} SIGKILLed after {uptime.TotalSeconds:F1} s, {load.Issued} registrations issued so far");
                if (cluster && last)
                {
                    // The survivor carries on alone, and must take over the victim's timers.
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 500)), cancellationToken);
                if (!await victim.StartAsync(StartLimit, cancellationToken))
                {
                    return -1;
                }
            }

            // The rest of the requests on the restarted (or surviving) nodes, within a limit.
            await Task.WhenAny(driving, Task.Delay(AfterKillsLimit, cancellationToken));
        }
        finally
        {
            await stopLoad.CancelAsync();
            await driving;
        }

        return kills;
    }

    private static async Task LiveAsync(LoadGenerator load, Task driving, CancellationToken cancellationToken)
    {
        var before = load.Confirmed;
        var stopwatch = Stopwatch.StartNew();
        while (load.Confirmed == before && !driving.IsCompleted && stopwatch.Elapsed < StartLimit)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits until no timer whose instant passed is pending; returns how many still are when the limit passes.</summary>
    private static async Task<long> SettleAsync(string connectionString, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var pending = await DrillFactsReader.CountPendingDueAsync(connectionString, cancellationToken);
            if (pending == 0 || stopwatch.Elapsed > SettleLimit)
            {
                return pending;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Bpm.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("run from the repository (no Bpm.sln above the current folder)");
    }
}
