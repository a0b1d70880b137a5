using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// The baseline of the <c>timers</c> benchmark, in the same process: the naive design, one Quartz trigger per timer, on
/// Quartz's RAM store (nothing written anywhere), with the same thread count as the product's scheduler. It shows what
/// Quartz itself costs when no database is involved: scheduling rate, lateness of lone triggers, and how long a burst of
/// triggers due at one instant takes to fire a trivial job.
/// </summary>
internal static class TimersQuartzRam
{
    public sealed record ScheduleResult(int Triggers, double Seconds, double PerSecond);

    public sealed record FireResult(int LoneTriggers, double LoneP50Milliseconds, double LoneP99Milliseconds, double LoneMaxMilliseconds,
        int BurstTriggers, double BurstSeconds);

    /// <summary>One trigger per instant given (instants repeat: one per timer), stored 1,000 per call like a batch relay would.</summary>
    public static async Task<ScheduleResult> ScheduleAsync(IReadOnlyList<DateTimeOffset> timerInstants, int threads, CancellationToken cancellationToken)
    {
        await using var services = Build(threads, "bench-ram-schedule");
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RecordFireJob>().WithIdentity("ram-job", "bench").StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        var clock = Stopwatch.StartNew();
        var n = 0;
        foreach (var chunk in timerInstants.Chunk(1000))
        {
            var triggers = chunk.Select(at => TriggerAt($"t{n++}", at)).ToList();
            await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, cancellationToken);
        }

        clock.Stop();
        await scheduler.Shutdown(false, cancellationToken);
        return new ScheduleResult(n, clock.Elapsed.TotalSeconds, n / clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Lone triggers spread over <paramref name="loneWindow"/> (each at its own instant), then <paramref name="burst"/> triggers
    /// at one instant 1 s after the window; the job only records when it ran. Lateness = run − scheduled fire time.
    /// </summary>
    public static async Task<FireResult> FireAsync(int lone, TimeSpan loneWindow, int burst, int threads, CancellationToken cancellationToken)
    {
        RecordFireJob.Fired.Clear();
        await using var services = Build(threads, "bench-ram-fire");
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
        var job = JobBuilder.Create<RecordFireJob>().WithIdentity("ram-job", "bench").StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        var start = TimeProvider.System.GetUtcNow().AddSeconds(1);
        var loneTriggers = Enumerable.Range(0, lone).Select(i => TriggerAt($"lone{i}", start + (loneWindow * i / lone), "lone")).ToList();
        var burstAt = start + loneWindow + TimeSpan.FromSeconds(1);
        await scheduler.ScheduleJob(job, loneTriggers, ScheduleJobOptions.Replacing, cancellationToken);
        foreach (var chunk in Enumerable.Range(0, burst).Chunk(1000))
        {
            await scheduler.ScheduleJob(job, [.. chunk.Select(i => TriggerAt($"burst{i}", burstAt, "burst"))], ScheduleJobOptions.Replacing, cancellationToken);
        }

        var deadline = Stopwatch.StartNew();
        while (RecordFireJob.Fired.Count < lone + burst && deadline.Elapsed < loneWindow + TimeSpan.FromSeconds(120))
        {
            await Task.Delay(20, cancellationToken);
        }

        await scheduler.Shutdown(false, cancellationToken);
        var fired = RecordFireJob.Fired.ToList();
        var lateness = fired.Where(f => f.Group == "lone").Select(f => (f.Ran - f.Scheduled).TotalMilliseconds).Order().ToList();
        var burstFired = fired.Where(f => f.Group == "burst").ToList();
        var burstSeconds = burstFired.Count == burst ? (burstFired.Max(f => f.Ran) - burstAt).TotalSeconds : double.NaN;
        return new FireResult(lateness.Count, Percentile(lateness, 0.50), Percentile(lateness, 0.99), lateness.LastOrDefault(), burstFired.Count, burstSeconds);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static ServiceProvider Build(int threads, string name)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s => s.InstanceName = name);
            quartz.UseInMemoryStore();
            quartz.UseDefaultThreadPool(threads);
        });
        return services.BuildServiceProvider();
    }

    private static ITrigger TriggerAt(string name, DateTimeOffset at, string group = "bench") => TriggerBuilder.Create()
        .WithIdentity(name, group)
        .ForJob("ram-job", "bench")
        .StartAt(at)
        .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    /// <summary>The trivial job: records which trigger fired, when it was due, when it ran.</summary>
    private sealed class RecordFireJob : IJob
    {
        public static readonly ConcurrentQueue<(string Group, DateTimeOffset Scheduled, DateTimeOffset Ran)> Fired = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Fired.Enqueue((context.Trigger.Key.Group, context.ScheduledFireTimeUtc ?? default, TimeProvider.System.GetUtcNow()));
            return ValueTask.CompletedTask;
        }
    }
}
