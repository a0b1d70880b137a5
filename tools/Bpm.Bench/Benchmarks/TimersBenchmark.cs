using System.Diagnostics;
using System.Globalization;
using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Timers;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Domain.Users;
using Bpm.Persistence;
using Bpm.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// 100,000 open SLA timers (quick: 5,000), one red-escalation (Overdue) rung per open task, of which 10,000 (quick: 1,000)
/// fall due at one cut-off instant a few seconds ahead and 50 lone ones each at its own instant in the ~10 s before (quick: 2 s); the
/// rest are due at 24:00 on 40 working days further on. Measured on the real machinery, on SQLite (temp file) and on
/// PostgreSQL (with --postgres or BPM_TEST_POSTGRES):
/// <list type="number">
/// <item>schedule rate: <see cref="TimerOutboxRelay.RelayAsync"/> hands every timer to Quartz's ADO store (one trigger per
/// distinct instant); baseline: Quartz's RAM store, one trigger per timer;</item>
/// <item>lateness of the lone timers (DueTimer.ClosedAt − DueAt) with the real scheduler running (AddBpmScheduling,
/// ApplyDueTimersJob, real time); baseline: RAM store, trivial job;</item>
/// <item>burst: from the cut-off until every burst timer is Applied (count polled); baseline: RAM store, one trigger per
/// timer, trivial job, until all fired;</item>
/// <item>re-plan: a closure on the burst's due date, then <see cref="DeadlineReplanner.ReplanAsync"/> over the bureau.</item>
/// </list>
/// The data set is written straight through the DbContext in big batches (not measured; its time is reported).
/// </summary>
internal static class TimersBenchmark
{
    public sealed record Settings(int Open, int Burst, int Lone, TimeSpan LoneWindow, int Threads, bool Quick);

    private const int InsertBatch = 2000;

    /// <summary>Red at due, nothing else: one timer per open task, so timers = tasks = deadlines.</summary>
    private static readonly EscalationLadder RedOnly = new(null, true, null, 0, null);

    public static async Task<int> RunAsync(string[] args)
    {
        // Bpm.Persistence's module initializer maps SQLitePCLRaw 2.1 to the 2.0.6 files beside us (src/build/Sqlite.Workaround.props).
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(DatabaseOptions).Module.ModuleHandle);
        var quick = args.Contains("--quick");
        var postgresAdmin = Environment.GetEnvironmentVariable("BPM_TEST_POSTGRES");
        if (args.Contains("--postgres") && string.IsNullOrEmpty(postgresAdmin))
        {
            postgresAdmin = "Host=127.0.0.1;Port=55432;Username=bpm;Password=bpm;Database=bpm_test";
        }

        var settings = quick
            ? new Settings(Open: 5_000, Burst: 1_000, Lone: 50, LoneWindow: TimeSpan.FromSeconds(2), Threads: 4, Quick: true)
            : new Settings(Open: 100_000, Burst: 10_000, Lone: 50, LoneWindow: TimeSpan.FromSeconds(10), Threads: 4, Quick: false);
        var total = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(quick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(30));
        var ct = cancel.Token;

        // Baselines first, in this process: the RAM store scheduling one trigger per timer for the same instants, and firing.
        Console.WriteLine($"timers: {settings.Open:N0} open timers, {settings.Burst:N0} at one cut-off, {settings.Lone} lone; baseline Quartz RAM store ({settings.Threads} threads)");
        var sampleInstants = SampleInstants(settings, TimeProvider.System.GetUtcNow().AddMinutes(10));
        var ramSchedule = await TimersQuartzRam.ScheduleAsync(sampleInstants, settings.Threads, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline schedule: {ramSchedule.Triggers:N0} triggers in {ramSchedule.Seconds:N2} s"));
        var ramFire = await TimersQuartzRam.FireAsync(settings.Lone, settings.LoneWindow, settings.Burst, settings.Threads, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  baseline fire: lone p99 {ramFire.LoneP99Milliseconds:N1} ms, burst of {ramFire.BurstTriggers:N0} in {ramFire.BurstSeconds:N2} s"));

        var runs = new List<ProviderRun>();
        runs.Add(await RunOnAsync(DatabaseProvider.Sqlite, null, settings, ct));
        if (!string.IsNullOrEmpty(postgresAdmin))
        {
            runs.Add(await RunOnAsync(DatabaseProvider.PostgreSql, postgresAdmin, settings, ct));
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var workingSetMb = self.WorkingSet64 / 1024d / 1024d;
        var peakMb = self.PeakWorkingSet64 / 1024d / 1024d;
        PrintTable(settings, runs, ramSchedule, ramFire, workingSetMb, peakMb);
        var path = BenchOutput.Write("timers", new
        {
            benchmark = "timers",
            measuredAt = TimeProvider.System.GetUtcNow(),
            quick,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            processorCount = Environment.ProcessorCount,
            settings = new { settings.Open, settings.Burst, settings.Lone, loneWindowSeconds = settings.LoneWindow.TotalSeconds, settings.Threads },
            baseline = new { schedule = ramSchedule, fire = ramFire },
            runs,
            workingSetMegabytes = Math.Round(workingSetMb, 1),
            peakWorkingSetMegabytes = Math.Round(peakMb, 1),
            totalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1),
        });
        Console.WriteLine($"wrote {path} (total {total.Elapsed.TotalSeconds:N0} s)");
        return runs.All(r => r.Error is null) ? 0 : 1;
    }

    public sealed record ProviderRun(
        string Provider,
        double SetUpSeconds,
        int SetUpRows,
        int Relayed,
        int DistinctInstants,
        double RelaySeconds,
        double RelayPerSecond,
        bool LeadMissed,
        int LoneApplied,
        double LoneP50Milliseconds,
        double LoneP99Milliseconds,
        double LoneMaxMilliseconds,
        int BurstApplied,
        double BurstSeconds,
        double BurstLastClosedSeconds,
        int ReplanExamined,
        int ReplanMoved,
        int ReplanTimersReplanned,
        double ReplanSeconds,
        double ReplanTasksPerSecond,
        IReadOnlyDictionary<string, double> PhaseSeconds,
        string? Error);

    /// <summary>The instants of the data set, one per timer, as the RAM baseline schedules them (same shape, same counts).</summary>
    private static List<DateTimeOffset> SampleInstants(Settings settings, DateTimeOffset start)
    {
        var clock = BureauClock.ChinaDefault;
        var today = clock.LocalDate(start);
        var instants = new List<DateTimeOffset>(settings.Open);
        for (var i = 0; i < settings.Lone; i++)
        {
            instants.Add(start + (settings.LoneWindow * i / settings.Lone));
        }

        var burstAt = start + settings.LoneWindow + TimeSpan.FromSeconds(settings.Quick ? 1 : 2);
        instants.AddRange(Enumerable.Repeat(burstAt, settings.Burst));
        for (var i = instants.Count; i < settings.Open; i++)
        {
            instants.Add(clock.DeadlineInstant(today.AddDays(14 + (i % 40))));
        }

        return instants;
    }

    private static async Task<ProviderRun> RunOnAsync(DatabaseProvider provider, string? postgresAdmin, Settings settings, CancellationToken ct)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        Console.WriteLine($"{name}:");
        await using var database = await BenchDatabase.CreateAsync(provider, postgresAdmin, ct);
        var phases = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        void Phase(string phase)
        {
            phases[phase] = Math.Round(clock.Elapsed.TotalSeconds, 3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase}: {clock.Elapsed.TotalSeconds:N2} s"));
            clock.Restart();
        }

        using var host = BuildHost(database.Options, settings);
        var services = host.Services;
        var time = TimeProvider.System;
        var data = await SeedDirectoryAsync(services, ct);
        Phase("set-up: bureau, units, SLA");

        // 1. The bulk: open handling tasks due at 24:00 on 40 working days ahead, one Overdue timer each.
        var bulkCount = settings.Open - settings.Burst - settings.Lone;
        var bulkRows = await InsertTasksAsync(services, data, bulkCount, 0, i =>
        {
            var added = i % 40;
            var due = data.Calendar.AddWorkingDays(data.CountFrom, 10 + added);
            return new TaskPlan(SlaStep.Handling, data.CountFrom, 10, added, due, data.Clock.DeadlineInstant(due), data.Calendar.IsProvisional(due));
        }, ct);
        var bulkSeconds = clock.Elapsed.TotalSeconds;
        Phase("set-up: bulk insert");

        // 2. Schedule rate, part 1: the bulk handed to Quartz.
        var relayClock = Stopwatch.StartNew();
        var relayed = await RelayAsync(services, ct);
        var relayBulkSeconds = relayClock.Elapsed.TotalSeconds;
        Phase("relay bulk");

        // The near-term timers go in now, due after the time we expect inserting, relaying and starting to take (measured
        // above), so that the scheduler holds their triggers before they are due.
        var nearCount = settings.Burst + settings.Lone;
        var expected = TimeSpan.FromSeconds((bulkSeconds / Math.Max(1, bulkCount) + relayBulkSeconds / Math.Max(1, relayed)) * nearCount * 1.5);
        // The margin on top: 4 s (2 s quick, whose few rows make the estimate tight) for starting Quartz and its first poll.
        var loneStart = time.GetUtcNow() + expected + TimeSpan.FromSeconds(settings.Quick ? 2 : 4);
        loneStart = new DateTimeOffset(loneStart.Ticks - (loneStart.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        var loneAt = Enumerable.Range(0, settings.Lone).Select(i => loneStart + (settings.LoneWindow * i / settings.Lone)).ToList();
        var burstAt = loneStart + settings.LoneWindow + TimeSpan.FromSeconds(settings.Quick ? 1 : 2);
        var burstDate = data.Clock.LocalDate(burstAt);
        if (burstDate != data.Day)
        {
            Console.WriteLine($"  note: the cut-off {burstAt:O} falls on {burstDate}, not {data.Day} (local midnight passed); re-plan figures still hold");
        }

        // Transfer: 1 WD counted from yesterday → due today at the step's own cut-off, which is the burst instant.
        await InScopeAsync(services, (sp, c) => sp.GetRequiredService<IBureauStore>().SetSlaRuleAsync(
            new SlaRule(data.BureauId, null, SlaStep.Transfer, 1, null, RedOnly, TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(burstAt, data.Clock.TimeZone).TimeOfDay)), c), ct);
        var burstRows = await InsertTasksAsync(services, data, settings.Burst, bulkCount,
            _ => new TaskPlan(SlaStep.Transfer, data.CountFrom, 1, 0, data.Day, burstAt, false), ct);
        var loneRows = await InsertTasksAsync(services, data, settings.Lone, bulkCount + settings.Burst,
            i => new TaskPlan(SlaStep.Feedback, null, 0, 0, data.Day, loneAt[i], false), ct);
        Phase("set-up: near-term insert");
        var setUpSeconds = bulkSeconds + phases["set-up: near-term insert"] + phases["set-up: bureau, units, SLA"];

        await host.StartAsync(ct);
        Phase("start Quartz");

        // 2. Schedule rate, part 2: the near-term timers, with the scheduler running.
        relayClock.Restart();
        relayed += await RelayAsync(services, ct);
        var relaySeconds = relayBulkSeconds + relayClock.Elapsed.TotalSeconds;
        Phase("relay near-term");
        var leadMissed = time.GetUtcNow() >= loneStart;
        if (leadMissed)
        {
            Console.WriteLine("  warning: the first lone timer was due before its trigger was stored; its lateness includes set-up time");
        }

        var distinctInstants = await CountDistinctInstantsAsync(database.Options, ct);

        // 3 and 4. Real time: wait for the burst to be applied, polling the count.
        var burstDone = await WaitForBurstAsync(database.Options, burstAt, settings.Burst, ct);
        var lone = await ReadLatenessAsync(database.Options, loneAt, ct);
        Phase("lone timers and burst (real time)");
        await host.StopAsync(ct);
        Phase("stop Quartz");

        // 5. Re-plan: close the burst's due date for the bureau; every task counted from yesterday moves one working day on.
        await InScopeAsync(services, (sp, c) => sp.GetRequiredService<IBureauStore>().SetCalendarDayAsync(
            new BureauCalendarDay(data.BureauId, data.Day, false, "基准测试闭馆"), c), ct);
        var replanClock = Stopwatch.StartNew();
        var report = await services.GetRequiredService<DeadlineReplanner>().ReplanAsync(
            new ReplanScope(data.BureauId, DeadlineChangeCause.CalendarChange, "基准测试：新增闭馆日", null), ct);
        var replanSeconds = replanClock.Elapsed.TotalSeconds;
        Phase("re-plan");

        return new ProviderRun(
            name, Math.Round(setUpSeconds, 2), bulkRows + burstRows + loneRows, relayed, distinctInstants,
            Math.Round(relaySeconds, 3), Math.Round(relayed / relaySeconds, 1), leadMissed,
            lone.Count, Math.Round(TimersQuartzRam.Percentile(lone, 0.50), 1), Math.Round(TimersQuartzRam.Percentile(lone, 0.99), 1),
            Math.Round(lone.LastOrDefault(), 1),
            burstDone.Applied, Math.Round(burstDone.Seconds, 3), Math.Round(burstDone.LastClosedSeconds, 3),
            report.TasksExamined, report.DeadlinesMoved, report.TimersReplanned, Math.Round(replanSeconds, 2),
            Math.Round(report.TasksExamined / replanSeconds, 1), phases, burstDone.Applied == settings.Burst ? null : "burst not fully applied");
    }

    private static IHost BuildHost(DatabaseOptions options, Settings settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLogging(logging => logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddBpmPersistence(options);
        builder.Services.AddBpmApplication();
        builder.Services.AddBpmScheduling(
            new SchedulingOptions { ThreadCount = settings.Threads },
            new SchedulingStore(options.Provider == DatabaseProvider.Sqlite ? SchedulingDatabaseProvider.Sqlite : SchedulingDatabaseProvider.PostgreSql, options.ConnectionString));

        // The relay is called here, to time it; the product's 1-second relay loop would hand the same timers over too.
        var relayLoop = builder.Services.Where(d => d.ImplementationType == typeof(TimerOutboxRelayService)).ToList();
        foreach (var descriptor in relayLoop)
        {
            builder.Services.Remove(descriptor);
        }

        return builder.Build();
    }

    private static async Task<int> RelayAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerOutboxRelay>().RelayAsync(ct);
    }

    private static async Task InScopeAsync(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(async c =>
        {
            await work(scope.ServiceProvider, c);
            return 0;
        }, ct);
    }

    private sealed record Seeded(Guid BureauId, Guid HandlerUnitId, Guid HallUnitId, DateOnly Day, DateOnly CountFrom, BureauClock Clock, WorkingDayCalendar Calendar);

    private sealed record TaskPlan(SlaStep Step, DateOnly? CountFrom, int WorkingDays, int Added, DateOnly DueDate, DateTimeOffset DueAt, bool Provisional);

    /// <summary>National root (tax-service department) → bench city bureau with a hall, a handling section and its own tax-service section.</summary>
    private static async Task<Seeded> SeedDirectoryAsync(IServiceProvider services, CancellationToken ct)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }

        var root = new Bureau(Guid.NewGuid(), "national", "国家税务总局", null, "SAT");
        var bureau = new Bureau(Guid.NewGuid(), "bench", "基准测试市税务局", root.Id, "BENCH");
        var hall = new Unit(Guid.NewGuid(), bureau.Id, "bsfwt", "办税服务厅", UnitKind.Center);
        var section = new Unit(Guid.NewGuid(), bureau.Id, "sdsk", "所得税科", UnitKind.Section);
        var now = TimeProvider.System.GetUtcNow();
        var clock = BureauClock.ChinaDefault;
        var day = clock.LocalDate(now + TimeSpan.FromMinutes(5));
        await InScopeAsync(services, async (sp, c) =>
        {
            var store = sp.GetRequiredService<IBureauStore>();
            await store.AddBureauAsync(root, c);
            await store.AddUnitAsync(new Unit(Guid.NewGuid(), root.Id, "nsfws", "纳税服务司", UnitKind.Office, UnitDuties.TaxService), c);
            await store.AddBureauAsync(bureau, c);
            await store.AddUnitAsync(hall, c);
            await store.AddUnitAsync(section, c);
            await store.AddUnitAsync(new Unit(Guid.NewGuid(), bureau.Id, "nsfwk", "纳税服务科", UnitKind.Section, UnitDuties.TaxService), c);
            await store.SetSlaRuleAsync(new SlaRule(bureau.Id, null, SlaStep.Handling, 10, null, RedOnly), c);
        }, ct);

        // Today must be a working day (the burst is due today): on a weekend or holiday, a make-up working day for the bureau.
        var tree = await LoadTreeAsync(services, ct);
        if (!tree.CalendarOf(bureau.Id).IsWorkingDay(day))
        {
            await InScopeAsync(services, (sp, c) => sp.GetRequiredService<IBureauStore>().SetCalendarDayAsync(
                new BureauCalendarDay(bureau.Id, day, true, "基准测试补班"), c), ct);
            tree = await LoadTreeAsync(services, ct);
        }

        return new Seeded(bureau.Id, section.Id, hall.Id, day, day.AddDays(-1), clock, tree.CalendarOf(bureau.Id));
    }

    private static async Task<BureauTree> LoadTreeAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(ct);
    }

    /// <summary>Requests, their open tasks and one Overdue timer each, <see cref="InsertBatch"/> tasks per SaveChanges. Returns rows written.</summary>
    private static async Task<int> InsertTasksAsync(IServiceProvider services, Seeded data, int count, int firstNumber, Func<int, TaskPlan> plan, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        var rows = 0;
        for (var start = 0; start < count; start += InsertBatch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var end = Math.Min(count, start + InsertBatch);
            for (var i = start; i < end; i++)
            {
                var p = plan(i);
                var number = firstNumber + i + 1;
                var request = TaxpayerRequest.Register(
                    Guid.CreateVersion7(now), new RequestNumber("BENCH", data.Day.Year, number), data.BureauId, RequestType.Policy,
                    new RequestRegistration
                    {
                        TaxpayerName = "基准测试纳税人" + number.ToString(CultureInfo.InvariantCulture),
                        Contact = "13812345678",
                        Text = "SLA 定时器基准测试",
                        ReceivedAt = now.AddDays(-1),
                        Channel = Channel.Hotline12366,
                        CategoryCode = "ZCYW",
                        ReceivingUnitId = data.HallUnitId,
                        ReceivingOfficer = "bench",
                    },
                    now);
                var task = new RequestTask(new RequestTaskOpening(
                    Guid.CreateVersion7(now), request.Id, data.BureauId, request.Type, request.TaxpayerName, "bench-wf-" + number.ToString(CultureInfo.InvariantCulture),
                    "bench-bm-" + number.ToString(CultureInfo.InvariantCulture), "handle", "Bpm.HumanTask", "办理", data.HandlerUnitId, Roles.Handler,
                    ["Resolved"], "[]", p.Step, now.AddDays(-1), p.DueDate, p.DueAt, p.Provisional, p.CountFrom, p.WorkingDays, p.Added));
                var timer = DueTimer.ForAlarm(Guid.CreateVersion7(now), task.Id, request.Id, new SlaAlarm(SlaAlarmKind.Overdue, 0, p.DueAt), now);
                db.Add(request);
                db.Add(task);
                db.Add(timer);
                rows += 3;
            }

            await db.SaveChangesAsync(ct);
        }

        return rows;
    }

    private static async Task<int> CountDistinctInstantsAsync(DatabaseOptions options, CancellationToken ct)
    {
        await using var db = PersistenceServices.CreateContext(options);
        return await db.DueTimers.AsNoTracking().Select(t => t.DueAt).Distinct().CountAsync(ct);
    }

    private sealed record BurstResult(int Applied, double Seconds, double LastClosedSeconds);

    /// <summary>From the cut-off instant until the count of Applied timers due then reaches the burst size (polled every 25 ms).</summary>
    private static async Task<BurstResult> WaitForBurstAsync(DatabaseOptions options, DateTimeOffset burstAt, int burst, CancellationToken ct)
    {
        var time = TimeProvider.System;
        var wait = burstAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }

        await using var db = PersistenceServices.CreateContext(options);
        var applied = 0;
        var limit = time.GetUtcNow() + TimeSpan.FromSeconds(120);
        while (time.GetUtcNow() < limit)
        {
            applied = await db.DueTimers.AsNoTracking().CountAsync(t => t.DueAt == burstAt && t.Status == DueTimerStatus.Applied, ct);
            if (applied >= burst)
            {
                break;
            }

            await Task.Delay(25, ct);
        }

        var seconds = (time.GetUtcNow() - burstAt).TotalSeconds;
        var closed = await db.DueTimers.AsNoTracking().Where(t => t.DueAt == burstAt && t.ClosedAt != null).Select(t => t.ClosedAt!.Value).ToListAsync(ct);
        var last = closed.Count == 0 ? double.NaN : (closed.Max() - burstAt).TotalSeconds;
        return new BurstResult(applied, applied >= burst ? seconds : double.NaN, last);
    }

    /// <summary>Lateness of each lone timer, ClosedAt − DueAt in ms, sorted; waits up to 30 s for the last ones.</summary>
    private static async Task<List<double>> ReadLatenessAsync(DatabaseOptions options, IReadOnlyList<DateTimeOffset> loneAt, CancellationToken ct)
    {
        await using var db = PersistenceServices.CreateContext(options);
        var first = loneAt[0];
        var last = loneAt[^1];
        var limit = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        List<DateTimeOffset[]> closed;
        do
        {
            closed = (await db.DueTimers.AsNoTracking()
                .Where(t => t.DueAt >= first && t.DueAt <= last && t.Status == DueTimerStatus.Applied)
                .Select(t => new { t.DueAt, t.ClosedAt })
                .ToListAsync(ct)).Select(t => new[] { t.DueAt, t.ClosedAt!.Value }).ToList();
            if (closed.Count >= loneAt.Count)
            {
                break;
            }

            await Task.Delay(100, ct);
        }
        while (TimeProvider.System.GetUtcNow() < limit);

        return [.. closed.Select(c => (c[1] - c[0]).TotalMilliseconds).Order()];
    }

    private static void PrintTable(Settings settings, List<ProviderRun> runs, TimersQuartzRam.ScheduleResult ramSchedule, TimersQuartzRam.FireResult ramFire,
        double workingSetMb, double peakMb)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"SLA timers: {settings.Open:N0} open, {settings.Burst:N0} due at one cut-off, {settings.Lone} lone; baseline = Quartz RAM store, one trigger per timer, trivial job, same process"));
        Console.WriteLine("ratio = Bpm/baseline (rates: higher is better; times: lower is better); re-plan goal as a rate: 100,000 tasks in < 30 s");
        Console.WriteLine($"{"figure",-46} {"value",16} {"baseline",16} {"ratio",9} {"goal",10} {"met?",5}");
        void Row(string figure, string value, string baseline, string ratio, string goal, string met) =>
            Console.WriteLine($"{figure,-46} {value,16} {baseline,16} {ratio,9} {goal,10} {met,5}");
        foreach (var r in runs)
        {
            Row($"[{r.Provider}] set-up ({r.SetUpRows:N0} rows, not measured)", string.Create(c, $"{r.SetUpSeconds:N1} s"), "", "", "", "");
            Row($"[{r.Provider}] schedule rate ({r.DistinctInstants:N0} instants)", string.Create(c, $"{r.RelayPerSecond:N0} timers/s"),
                string.Create(c, $"{ramSchedule.PerSecond:N0} trig/s"), string.Create(c, $"{r.RelayPerSecond / ramSchedule.PerSecond:N2}"), "", "");
            Row($"[{r.Provider}] lone-timer lateness p50", string.Create(c, $"{r.LoneP50Milliseconds:N0} ms"),
                string.Create(c, $"{ramFire.LoneP50Milliseconds:N1} ms"), Ratio(r.LoneP50Milliseconds, ramFire.LoneP50Milliseconds), "", "");
            Row($"[{r.Provider}] lone-timer lateness p99 (n={r.LoneApplied})", string.Create(c, $"{r.LoneP99Milliseconds:N0} ms"),
                string.Create(c, $"{ramFire.LoneP99Milliseconds:N1} ms"), Ratio(r.LoneP99Milliseconds, ramFire.LoneP99Milliseconds), "< 1 s",
                Met(r.LoneApplied == settings.Lone && r.LoneP99Milliseconds < 1000));
            Row($"[{r.Provider}] burst of {settings.Burst:N0} fully applied", string.Create(c, $"{r.BurstSeconds:N2} s"),
                string.Create(c, $"{ramFire.BurstSeconds:N2} s"), Ratio(r.BurstSeconds, ramFire.BurstSeconds), "< 5 s", Met(r.BurstSeconds < 5));
            Row($"[{r.Provider}] re-plan {r.ReplanExamined:N0} tasks ({r.ReplanMoved:N0} moved)", string.Create(c, $"{r.ReplanSeconds:N1} s"),
                "", "", "< 30 s/100k", Met(r.ReplanTasksPerSecond >= 100_000 / 30.0));
            Row($"[{r.Provider}]   re-plan rate", string.Create(c, $"{r.ReplanTasksPerSecond:N0} tasks/s"), "", "", "", "");
            if (r.LeadMissed)
            {
                Console.WriteLine($"[{r.Provider}] warning: the near-term timers were relayed after the first lone one was due");
            }
        }

        Row("working set after the run (info)", string.Create(c, $"{workingSetMb:N0} MB"), "", "", "", "");
        Row("peak working set (info)", string.Create(c, $"{peakMb:N0} MB"), "", "", "", "");
    }

    private static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{value / baseline:N1}");

    private static string Met(bool met) => met ? "yes" : "NO";

    /// <summary>A migrated database of its own: a temp SQLite file, or a PostgreSQL database created through the admin connection.</summary>
    private sealed class BenchDatabase : IAsyncDisposable
    {
        private readonly string? _folder;
        private readonly string? _admin;
        private readonly string? _name;

        private BenchDatabase(DatabaseOptions options, string? folder, string? admin, string? name)
        {
            Options = options;
            _folder = folder;
            _admin = admin;
            _name = name;
        }

        public DatabaseOptions Options { get; }

        public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string? admin, CancellationToken ct)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var folder = Directory.CreateTempSubdirectory("bpm-bench-timers-").FullName;
                return new BenchDatabase(
                    new DatabaseOptions { Provider = provider, ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db") }.ToString() },
                    folder, null, null);
            }

            var name = "bpm_bench_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync(ct);
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            return new BenchDatabase(new DatabaseOptions { Provider = provider, ConnectionString = builder.ConnectionString }, null, admin, name);
        }

        public async ValueTask DisposeAsync()
        {
            if (_folder is not null)
            {
                SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held open: the folder is in the temp directory and harmless.
                }

                return;
            }

            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Warnings and errors (Quartz, the job, EF) to stderr, so a failing job is seen; nothing else.</summary>
    private sealed class StderrLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName);

        public void Dispose()
        {
        }

        private sealed class StderrLogger(string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            // EF logs a failed command as an error even when it is expected and handled (the migrations history table
            // looked up before it exists); a real failure surfaces as an exception anyway.
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && category != "Microsoft.EntityFrameworkCore.Database.Command";

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    Console.Error.WriteLine($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
                }
            }
        }
    }
}
