using System.Diagnostics;
using Bpm.Domain.Timers;
using Bpm.Persistence;
using Bpm.Testing;
using Xunit.Abstractions;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// Two server nodes clustered on one PostgreSQL database (same scheduler name, generated instance ids): every timer is
/// applied by exactly one of them, once. Real triggers a few seconds ahead; waits are polled and bounded.
/// </summary>
[RequiresPostgreSql]
public sealed class ClusteredSchedulingOnPostgreSql(ITestOutputHelper output)
{
    [ContractFact]
    public async Task A_thousand_timers_over_a_hundred_instants_are_each_applied_once_by_the_cluster()
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var name = "bpm-cluster-" + Guid.NewGuid().ToString("N")[..12];
        var resumer = new CountingResumer();
        await using var a = SchedulingNode.Create(database, name, resumer, "A", clustered: true);
        await using var b = SchedulingNode.Create(database, name, resumer, "B", clustered: true);
        await a.StartAsync();
        await b.StartAsync();

        // 100 instants 40 ms apart from 3 s ahead, 9 timers each, and 100 more at the first of them.
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero).AddSeconds(3);
        var dueAts = Enumerable.Range(0, 900).Select(i => t0.AddMilliseconds(40 * (i % 100))).Concat(Enumerable.Repeat(t0, 100)).ToList();
        var timers = await a.AddBookmarkTimersAsync(dueAts);

        var written = clock.Elapsed;
        await resumer.WaitForAsync(timers.Count, TimeSpan.FromSeconds(40));
        var allApplied = clock.Elapsed;
        await SchedulingRows.WaitUntilNoTriggerLeftAsync(database, name, TimeSpan.FromSeconds(20));
        output.WriteLine(
            $"timers written at {written.TotalSeconds:F1} s, due from {(t0 - startedAt).TotalSeconds:F1} s to {(dueAts.Max() - startedAt).TotalSeconds:F1} s; " +
            $"all applied at {allApplied.TotalSeconds:F1} s, no trigger left at {clock.Elapsed.TotalSeconds:F1} s");

        var applied = resumer.Resumed;
        applied.Count.ShouldBe(1000);
        applied.Select(r => r.BookmarkId).Distinct().Count().ShouldBe(1000);

        // The job never runs on both nodes at once, so even across nodes timers are applied in due order.
        applied.Select(r => r.BookmarkId).ShouldBe(timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => t.BookmarkId));
        (await SchedulingRows.TimersAsync(database)).ShouldAllBe(t => t.Status == DueTimerStatus.Applied);
        var nodes = await SchedulingRows.ClusterNodesAsync(database, name);
        nodes.Count.ShouldBe(2, "both nodes check in to the cluster");
        nodes.Distinct().Count().ShouldBe(2, "each node has an instance id of its own (instanceId AUTO)");
        output.WriteLine($"applied by A: {applied.Count(r => r.Node == "A")}, by B: {applied.Count(r => r.Node == "B")}; nodes {string.Join(", ", nodes)}; {clock.Elapsed.TotalSeconds:F1} s");
    }
}
