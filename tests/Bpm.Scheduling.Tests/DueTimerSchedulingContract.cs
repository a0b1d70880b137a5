using Bpm.Application.Timers;
using Bpm.Domain.Timers;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// Timers from the outbox to Quartz and back, on the real AdoJobStore in a database our migrations built: one trigger
/// per instant, each timer applied exactly once, also across a restart. Each test has a database of its own (the job
/// applies every due timer of its database) and a scheduler name of its own.
/// <para>
/// These tests wait for real triggers a few seconds ahead, because Quartz fires on the real clock: every wait polls
/// every 50 ms and gives up after a bound, never sleeps a fixed time.
/// </para>
/// </summary>
public abstract class DueTimerSchedulingContract
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly CountingResumer _resumer = new();

    private protected abstract DatabaseProvider Provider { get; }

    private static string NewSchedulerName() => "bpm-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whole milliseconds from now, so every provider stores the instant exactly.</summary>
    private static DateTimeOffset FromNow(TimeSpan ahead)
    {
        var at = DateTimeOffset.UtcNow + ahead;
        return new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    [ContractFact]
    public async Task Ensuring_instants_stores_one_trigger_per_instant_and_ensuring_them_again_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        await using var node = SchedulingNode.Create(database, name, _resumer);
        var scheduler = node.Services.GetRequiredService<IDueInstantScheduler>();
        var first = new DateTimeOffset(2099, 10, 9, 16, 0, 0, TimeSpan.Zero);
        var second = first.AddHours(1);

        // 2099-10-10 00:00 in Beijing is 2099-10-09T16:00Z: the same instant, the same trigger.
        await scheduler.EnsureTriggersAsync([first, second, first, first.ToOffset(TimeSpan.FromHours(8))], CancellationToken.None);
        var stored = await SchedulingRows.TriggersAsync(database, name);
        await scheduler.EnsureTriggersAsync([second, first], CancellationToken.None);

        stored.ShouldBe(
        [
            new SchedulingRows.TriggerRow("2099-10-09T16:00:00.0000000Z", "bpm-due", "apply-due-timers", first.UtcTicks),
            new SchedulingRows.TriggerRow("2099-10-09T17:00:00.0000000Z", "bpm-due", "apply-due-timers", second.UtcTicks),
        ]);
        (await SchedulingRows.TriggersAsync(database, name)).ShouldBe(stored);
    }

    [ContractFact]
    public async Task Two_nodes_ensuring_the_same_instants_at_once_store_each_instant_once()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        // Two nodes on one scheduler name are a cluster (Scheduling:Clustered; SQLite falls back to one process's lock).
        // Unclustered, both would store the durable job at once on a fresh database and one would fail on its key.
        await using var a = SchedulingNode.Create(database, name, _resumer, "A", clustered: true);
        await using var b = SchedulingNode.Create(database, name, _resumer, "B", clustered: true);
        var start = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var instants = Enumerable.Range(0, 300).Select(i => start.AddMinutes(i)).ToList();

        await Task.WhenAll(
            a.Services.GetRequiredService<IDueInstantScheduler>().EnsureTriggersAsync(instants, CancellationToken.None),
            b.Services.GetRequiredService<IDueInstantScheduler>().EnsureTriggersAsync([.. Enumerable.Reverse(instants)], CancellationToken.None));

        var rows = await SchedulingRows.TriggersAsync(database, name);
        rows.Count.ShouldBe(300);
        rows.Select(r => r.NextFireTime).ShouldBe(instants.Select(i => (long?)i.UtcTicks));
    }

    [ContractFact]
    public async Task Timers_due_in_a_few_seconds_are_applied_once_each_in_due_order_and_not_before_they_are_due()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        await using var node = SchedulingNode.Create(database, name, _resumer);
        await node.StartAsync();
        var t0 = FromNow(TimeSpan.FromSeconds(1.5));

        // Two pairs share an instant (one trigger each pair); written through the outbox, as a workflow run writes them.
        var timers = await node.AddBookmarkTimersAsync([t0, t0, t0.AddSeconds(0.5), t0.AddSeconds(1), t0.AddSeconds(1), t0.AddSeconds(2)]);
        await _resumer.WaitForAsync(timers.Count, Bound);
        await SchedulingRows.WaitUntilNoTriggerLeftAsync(database, name, Bound);

        var expected = timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => t.BookmarkId).ToList();
        _resumer.Resumed.Select(r => r.BookmarkId).ShouldBe(expected);
        var rows = await SchedulingRows.TimersAsync(database);
        rows.ShouldAllBe(t => t.Status == DueTimerStatus.Applied && t.HandedOver);

        // Quartz fires at its instant or after it; the job applies what is due by then, nothing later.
        rows.ShouldAllBe(t => t.ClosedAt >= t.DueAt.AddMilliseconds(-100));
    }

    [ContractFact]
    public async Task A_timer_written_for_an_instant_whose_trigger_already_fired_is_still_applied()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        await using var node = SchedulingNode.Create(database, name, _resumer);
        await node.StartAsync();
        var at = FromNow(TimeSpan.FromSeconds(1));
        await node.AddBookmarkTimersAsync([at]);
        await _resumer.WaitForAsync(1, Bound);
        await SchedulingRows.WaitUntilNoTriggerLeftAsync(database, name, Bound);

        // Committed just after the 24:00 cut-off fired, for that cut-off: the instant gets a trigger again, fired at once.
        await node.AddBookmarkTimersAsync([at], firstNumber: 1);
        await _resumer.WaitForAsync(2, Bound);
        await SchedulingRows.WaitUntilNoTriggerLeftAsync(database, name, Bound);

        _resumer.Resumed.Select(r => r.BookmarkId).ShouldBe(["bm-0", "bm-1"]);
        (await SchedulingRows.TimersAsync(database)).ShouldAllBe(t => t.Status == DueTimerStatus.Applied);
    }

    [ContractFact]
    public async Task A_run_that_fails_leaves_its_timers_pending_and_they_are_applied_by_the_retry_a_delay_later()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        await using var node = SchedulingNode.Create(database, name, _resumer, retryDelay: TimeSpan.FromSeconds(1));
        await node.StartAsync();
        _resumer.FailOnce("bm-0");

        // The only timer, so only the retry trigger can apply it.
        await node.AddBookmarkTimersAsync([FromNow(TimeSpan.FromSeconds(1))]);
        await _resumer.WaitForAsync(1, Bound);
        await SchedulingRows.WaitUntilNoTriggerLeftAsync(database, name, Bound);

        _resumer.Failures.ShouldBe(1);
        _resumer.Resumed.Select(r => r.BookmarkId).ShouldBe(["bm-0"]);
        (await SchedulingRows.TimersAsync(database)).Single().Status.ShouldBe(DueTimerStatus.Applied);
    }

    [ContractFact]
    public async Task After_a_restart_every_timer_that_fell_due_meanwhile_is_applied_once_in_due_order()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        var misfire = TimeSpan.FromMilliseconds(300);
        var t0 = FromNow(TimeSpan.FromSeconds(1.5));
        var timers = new List<DueTimer>();

        await using (var before = SchedulingNode.Create(database, name, _resumer, "before", misfireThreshold: misfire))
        {
            await before.StartAsync();
            timers.AddRange(await before.AddBookmarkTimersAsync([.. Enumerable.Range(0, 8).Select(i => t0.AddMilliseconds(500 * i))]));
            await _resumer.WaitForAsync(2, Bound);
            await before.StopAsync();
        }

        var appliedBefore = _resumer.Count;
        appliedBefore.ShouldBeLessThan(8, "the node was meant to stop before every timer had fired");

        // While no node runs: two timers are written (never handed to Quartz), between and after the waiting ones.
        var last = timers[^1].DueAt;
        await using (var writer = SchedulingNode.Create(database, name, _resumer, "writer"))
        {
            timers.AddRange(await writer.AddBookmarkTimersAsync([timers[appliedBefore].DueAt.AddMilliseconds(1), last.AddMilliseconds(1)], firstNumber: 8));
        }

        // Until everything is overdue by more than the misfire threshold: real time, polled.
        await WaitUntilAsync(() => DateTimeOffset.UtcNow > last + misfire + TimeSpan.FromMilliseconds(200));

        await using var after = SchedulingNode.Create(database, name, _resumer, "after", misfireThreshold: misfire);
        await after.StartAsync();
        await _resumer.WaitForAsync(timers.Count, Bound);
        await SchedulingRows.WaitUntilNoTriggerLeftAsync(database, name, Bound);

        var expected = timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => t.BookmarkId).ToList();
        _resumer.Resumed.Select(r => r.BookmarkId).ShouldBe(expected);
        _resumer.Resumed.Take(appliedBefore).ShouldAllBe(r => r.Node == "before");
        _resumer.Resumed.Skip(appliedBefore).ShouldAllBe(r => r.Node == "after");
        (await SchedulingRows.TimersAsync(database)).ShouldAllBe(t => t.Status == DueTimerStatus.Applied);
    }

    /// <summary>Polls every 50 ms, at most 30 s.</summary>
    [ContractFact]
    public async Task Two_nodes_applying_one_cut_off_burst_at_the_same_moment_apply_each_timer_once()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var name = NewSchedulerName();
        await using var a = SchedulingNode.Create(database, name, _resumer, "A");
        await using var b = SchedulingNode.Create(database, name, _resumer, "B");

        // 1,500 timers at one cut-off that has passed: several batches on every provider, run side by side on a server.
        var cutOff = FromNow(TimeSpan.FromMinutes(-1));
        var timers = await a.AddBookmarkTimersAsync([.. Enumerable.Repeat(cutOff, 1_500)]);
        var both = await Task.WhenAll(
            Task.Run(() => a.Services.GetRequiredService<DueTimerProcessor>().ApplyDueAsync(FromNow(TimeSpan.Zero), CancellationToken.None)),
            Task.Run(() => b.Services.GetRequiredService<DueTimerProcessor>().ApplyDueAsync(FromNow(TimeSpan.Zero), CancellationToken.None)));

        // Each node counts only what it committed: together exactly the burst, so no timer was applied by both.
        both.Sum().ShouldBe(timers.Count);
        var rows = await SchedulingRows.TimersAsync(database);
        rows.Count.ShouldBe(timers.Count);
        rows.ShouldAllBe(t => t.Status == DueTimerStatus.Applied);
        _resumer.Resumed.Select(r => r.BookmarkId).Distinct().Count().ShouldBe(timers.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cancel = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancel.Token);
        }
    }
}

public sealed class DueTimerSchedulingOnSqlite : DueTimerSchedulingContract
{
    private protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[RequiresPostgreSql]
public sealed class DueTimerSchedulingOnPostgreSql : DueTimerSchedulingContract
{
    private protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
