using Bpm.Application.Requests;
using Bpm.Application.Timers;
using Bpm.Domain.Sla;
using Bpm.Domain.Timers;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// What <see cref="IDueTimerStore"/> promises, on every provider: due order across instants stored as UTC, the outbox,
/// and a timer applied once however many nodes fire it. The due and outbox queries see the whole table, so tests that
/// use them first close every timer earlier tests of the class left pending.
/// </summary>
public abstract class DueTimerStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<T> WithStore<T>(Func<IDueTimerStore, Task<T>> work) =>
        InScope(services => work(services.GetRequiredService<IDueTimerStore>()));

    private Task AddAsync(params DueTimer[] timers) =>
        InScope(services => services.GetRequiredService<IDueTimerStore>().AddAsync(timers, none));

    private DueTimer Alarm(SlaAlarmKind kind, DateTimeOffset at, Guid? taskId = null, Guid? requestId = null, int sequence = 0, Guid? id = null) =>
        DueTimer.ForAlarm(id ?? Guid.CreateVersion7(), taskId ?? Guid.NewGuid(), requestId ?? Guid.NewGuid(), new SlaAlarm(kind, sequence, at), Time.GetUtcNow());

    /// <summary>Cancels and hands over whatever is pending, so the table-wide queries see only this test's timers.</summary>
    private async Task CloseEveryPendingTimerAsync()
    {
        await using var db = Database.CreateContext();
        await db.DueTimers.Where(t => t.Status == DueTimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, DueTimerStatus.Cancelled).SetProperty(t => t.HandedOver, true));
    }

    /// <summary>Two ids, the first before the second in the databases' uuid order (which is their text order).</summary>
    private static (Guid Low, Guid High) OrderedIds()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() }.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();
        return (ids[0], ids[1]);
    }

    [ContractFact]
    public async Task Every_field_round_trips_and_kinds_and_statuses_are_stored_by_name()
    {
        var (taskId, requestId) = (Guid.NewGuid(), Guid.NewGuid());
        var reminder = Alarm(SlaAlarmKind.Reminder, At("2026-10-12T16:00:00+08:00"), taskId, requestId, sequence: 2);
        reminder.MarkHandedOver();
        reminder.Apply(At("2026-10-12T16:00:05Z"));
        var bookmarkId = NewId();
        var resume = DueTimer.ForBookmark(Guid.CreateVersion7(), bookmarkId, "instance-" + NewId(), At("2026-10-09T16:00:00Z"), Time.GetUtcNow());
        await AddAsync(reminder, resume);

        var stored = (await WithStore(store => store.ListByRequestAsync(requestId, none))).ShouldHaveSingleItem();
        (stored.Id, stored.Kind, stored.DueAt, stored.DueAt.Offset, stored.Sequence, stored.TaskId, stored.RequestId)
            .ShouldBe((reminder.Id, DueTimerKind.Reminder, At("2026-10-12T08:00:00Z"), TimeSpan.Zero, 2, (Guid?)taskId, (Guid?)requestId));
        (stored.BookmarkId, stored.WorkflowInstanceId, stored.Status, stored.HandedOver, stored.CreatedAt, stored.ClosedAt, stored.Version)
            .ShouldBe(((string?)null, (string?)null, DueTimerStatus.Applied, true, Time.GetUtcNow(), (DateTimeOffset?)At("2026-10-12T16:00:05Z"), 1L));
        stored.Alarm.ShouldBe(new SlaAlarm(SlaAlarmKind.Reminder, 2, At("2026-10-12T08:00:00Z")));

        var pending = (await WithStore(store => store.FindPendingForBookmarkAsync(bookmarkId, none)))!;
        (pending.Id, pending.Kind, pending.DueAt, pending.BookmarkId, pending.WorkflowInstanceId, pending.TaskId, pending.RequestId)
            .ShouldBe((resume.Id, DueTimerKind.ResumeBookmark, At("2026-10-09T16:00:00Z"), bookmarkId, resume.WorkflowInstanceId, (Guid?)null, (Guid?)null));
        (pending.Status, pending.HandedOver, pending.ClosedAt, pending.Sequence, pending.Alarm).ShouldBe((DueTimerStatus.Pending, false, (DateTimeOffset?)null, 0, (SlaAlarm?)null));

        await using var db = Database.CreateContext();
        (await db.Database.SqlQuery<string>($"SELECT \"Kind\" || '/' || \"Status\" AS \"Value\" FROM \"DueTimers\" WHERE \"Id\" = {reminder.Id}").SingleAsync())
            .ShouldBe("Reminder/Applied");
    }

    [ContractFact]
    public async Task What_is_due_is_pending_at_or_before_the_instant_in_due_order_then_id_and_at_most_take()
    {
        await CloseEveryPendingTimerAsync();
        var (low, high) = OrderedIds();
        var nine = Alarm(SlaAlarmKind.Warning, At("2026-10-09T09:00:00Z"));
        var tenHigh = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T10:00:00Z"), id: high);
        var tenLow = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T10:00:00Z"), id: low);
        var tenPastOne = Alarm(SlaAlarmKind.Reminder, At("2026-10-09T10:00:01Z"), sequence: 1);
        var earlierButCancelled = Alarm(SlaAlarmKind.Warning, At("2026-10-09T08:00:00Z"));
        earlierButCancelled.Cancel(Time.GetUtcNow());
        await AddAsync(tenPastOne, tenHigh, nine, earlierButCancelled, tenLow);

        // 18:00 in Shanghai is 10:00Z: the same instant, whatever offset the caller gives it.
        var upTo = At("2026-10-09T18:00:00+08:00");
        (await WithStore(store => store.ListDueAsync(upTo, 10, none))).ShouldBe(
            [new DueTimerSlot(nine.Id, nine.DueAt), new DueTimerSlot(tenLow.Id, tenLow.DueAt), new DueTimerSlot(tenHigh.Id, tenHigh.DueAt)]);
        (await WithStore(store => store.ListDueAsync(upTo, 2, none))).Select(t => t.Id).ShouldBe([nine.Id, tenLow.Id]);
        (await WithStore(store => store.ListDueAsync(At("2026-10-09T08:59:59Z"), 10, none))).ShouldBeEmpty();
        (await WithStore(store => store.ListDueAsync(At("2026-10-10T00:00:00Z"), 10, none))).Select(t => t.Id)
            .ShouldBe([nine.Id, tenLow.Id, tenHigh.Id, tenPastOne.Id]);

        // Read by id to apply: tracked, in due order, the cancelled one left out; what was applied is no longer due.
        await InScope(async services =>
        {
            var store = services.GetRequiredService<IDueTimerStore>();
            var found = await store.FindPendingAsync([tenHigh.Id, earlierButCancelled.Id, nine.Id], none);
            found.Select(t => t.Id).ShouldBe([nine.Id, tenHigh.Id]);
            found[0].Apply(Time.GetUtcNow());
            await store.UpdateAsync([found[0]], none);
        });
        (await WithStore(store => store.ListDueAsync(upTo, 10, none))).Select(t => t.Id).ShouldBe([tenLow.Id, tenHigh.Id]);
        (await WithStore(store => store.FindPendingAsync([nine.Id, tenLow.Id], none))).Select(t => t.Id).ShouldBe([tenLow.Id]);
        (await WithStore(store => store.FindPendingAsync([], none))).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task The_outbox_lists_pending_timers_not_handed_over_untracked_until_marked_in_one_statement()
    {
        await CloseEveryPendingTimerAsync();
        var requestId = Guid.NewGuid();
        var later = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T16:00:00Z"), requestId: requestId);
        var sooner = Alarm(SlaAlarmKind.Warning, At("2026-10-08T16:00:00Z"), requestId: requestId);
        var handedOver = Alarm(SlaAlarmKind.Reminder, At("2026-10-07T16:00:00Z"), requestId: requestId, sequence: 1);
        handedOver.MarkHandedOver();
        var applied = Alarm(SlaAlarmKind.JointMeeting, At("2026-10-06T16:00:00Z"), requestId: requestId);
        applied.Apply(Time.GetUtcNow());
        await AddAsync(later, sooner, handedOver, applied);

        await InScope(async services =>
        {
            var outbox = await services.GetRequiredService<IDueTimerStore>().ListNotHandedOverAsync(10, none);
            outbox.Select(t => t.Id).ShouldBe([sooner.Id, later.Id]);
            var db = services.GetRequiredService<BpmDbContext>();
            outbox.ShouldAllBe(t => db.Entry(t).State == EntityState.Detached);
        });
        (await WithStore(store => store.ListNotHandedOverAsync(1, none))).Select(t => t.Id).ShouldBe([sooner.Id]);

        // More ids than one statement takes (500 a chunk), most of them unknown.
        var ids = Enumerable.Range(0, 1_100).Select(_ => Guid.NewGuid()).Append(later.Id).Append(sooner.Id).ToList();
        await InScope(services => services.GetRequiredService<IDueTimerStore>().MarkHandedOverAsync(ids, none));

        (await WithStore(store => store.ListNotHandedOverAsync(10, none))).ShouldBeEmpty();
        var all = await WithStore(store => store.ListByRequestAsync(requestId, none));
        all.Select(t => (t.Id, t.HandedOver, t.Status, t.Version))
            .ShouldBe([
                (applied.Id, false, DueTimerStatus.Applied, 1L), (handedOver.Id, true, DueTimerStatus.Pending, 1L),
                (sooner.Id, true, DueTimerStatus.Pending, 1L), (later.Id, true, DueTimerStatus.Pending, 1L),
            ]);
    }

    [ContractFact]
    public async Task Two_nodes_applying_the_same_timer_the_second_gets_a_conflict_and_saves_nothing()
    {
        var bookmarkId = NewId();
        var timer = DueTimer.ForBookmark(Guid.CreateVersion7(), bookmarkId, NewId(), At("2026-10-09T16:00:00Z"), Time.GetUtcNow());
        var taskId = Guid.NewGuid();
        var other = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T16:00:00Z"), taskId);
        await AddAsync(timer, other);

        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstStore = first.ServiceProvider.GetRequiredService<IDueTimerStore>();
        var secondStore = second.ServiceProvider.GetRequiredService<IDueTimerStore>();
        var firstCopy = (await firstStore.FindPendingForBookmarkAsync(bookmarkId, none))!;
        var secondCopy = (await secondStore.FindPendingForBookmarkAsync(bookmarkId, none))!;
        var otherCopy = (await secondStore.ListPendingForTasksAsync([taskId], none)).ShouldHaveSingleItem();

        firstCopy.Apply(At("2026-10-09T16:00:01Z"));
        await firstStore.UpdateAsync([firstCopy], none);
        secondCopy.Skip(At("2026-10-09T16:00:02Z"));
        otherCopy.Cancel(At("2026-10-09T16:00:02Z"));
        await Should.ThrowAsync<ConcurrencyConflictException>(() => secondStore.UpdateAsync([otherCopy, secondCopy], none));

        var stored = (await WithStore(store => store.ListByRequestAsync(other.RequestId!.Value, none))).ShouldHaveSingleItem();
        (stored.Status, stored.Version).ShouldBe((DueTimerStatus.Pending, 1L));
        (await WithStore(store => store.FindPendingForBookmarkAsync(bookmarkId, none))).ShouldBeNull();
        await using var db = Database.CreateContext();
        var applied = await db.DueTimers.AsNoTracking().SingleAsync(t => t.Id == timer.Id);
        (applied.Status, applied.ClosedAt, applied.Version).ShouldBe((DueTimerStatus.Applied, (DateTimeOffset?)At("2026-10-09T16:00:01Z"), 2L));
    }

    [ContractFact]
    public async Task Timers_changed_in_different_ways_in_one_save_are_each_written_and_can_be_saved_again()
    {
        var task = Guid.NewGuid();
        var warning = Alarm(SlaAlarmKind.Warning, At("2026-10-08T16:00:00Z"), task);
        var overdue = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T16:00:00Z"), task);
        var reminder = Alarm(SlaAlarmKind.Reminder, At("2026-10-12T16:00:00Z"), task, sequence: 1);
        var untouched = Alarm(SlaAlarmKind.Reminder, At("2026-10-13T16:00:00Z"), task, sequence: 2);
        await AddAsync(warning, overdue, reminder, untouched);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IDueTimerStore>();
            var pending = (await store.ListPendingForTasksAsync([task], none)).ToDictionary(t => t.Id);
            pending[warning.Id].Apply(At("2026-10-08T16:00:01Z"));
            pending[overdue.Id].MoveTo(At("2026-10-12T16:00:00Z"));
            pending[reminder.Id].MoveTo(At("2026-10-13T16:00:00Z"));
            await store.UpdateAsync([.. pending.Values], none);

            // The same objects, saved again in the same scope: their new versions are the tokens now.
            pending[overdue.Id].Apply(At("2026-10-12T16:00:02Z"));
            await store.UpdateAsync([pending[overdue.Id]], none);
        });

        await using var db = Database.CreateContext();
        var stored = await db.DueTimers.AsNoTracking().Where(t => t.TaskId == task).ToDictionaryAsync(t => t.Id);
        (stored[warning.Id].Status, stored[warning.Id].ClosedAt, stored[warning.Id].DueAt, stored[warning.Id].Version)
            .ShouldBe((DueTimerStatus.Applied, (DateTimeOffset?)At("2026-10-08T16:00:01Z"), At("2026-10-08T16:00:00Z"), 2L));
        (stored[overdue.Id].Status, stored[overdue.Id].DueAt, stored[overdue.Id].HandedOver, stored[overdue.Id].Version)
            .ShouldBe((DueTimerStatus.Applied, At("2026-10-12T16:00:00Z"), false, 3L));
        (stored[reminder.Id].Status, stored[reminder.Id].DueAt, stored[reminder.Id].Version).ShouldBe((DueTimerStatus.Pending, At("2026-10-13T16:00:00Z"), 2L));
        (stored[untouched.Id].Status, stored[untouched.Id].DueAt, stored[untouched.Id].Version).ShouldBe((DueTimerStatus.Pending, At("2026-10-13T16:00:00Z"), 1L));
    }

    [ContractFact]
    public async Task Pending_timers_of_tasks_come_tracked_and_oldest_instant_first()
    {
        var (task, otherTask, notAsked) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var overdue = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T16:00:00Z"), task);
        var warning = Alarm(SlaAlarmKind.Warning, At("2026-10-08T16:00:00Z"), task);
        var cancelled = Alarm(SlaAlarmKind.Reminder, At("2026-10-07T16:00:00Z"), task, sequence: 1);
        cancelled.Cancel(Time.GetUtcNow());
        var others = Alarm(SlaAlarmKind.Warning, At("2026-10-08T20:00:00Z"), otherTask);
        var notAskedFor = Alarm(SlaAlarmKind.Warning, At("2026-10-01T16:00:00Z"), notAsked);
        await AddAsync(overdue, warning, cancelled, others, notAskedFor);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IDueTimerStore>();
            var pending = await store.ListPendingForTasksAsync([task, otherTask, Guid.NewGuid()], none);
            pending.Select(t => t.Id).ShouldBe([warning.Id, others.Id, overdue.Id]);
            foreach (var timer in pending)
            {
                timer.Cancel(Time.GetUtcNow());
            }

            await store.UpdateAsync(pending.ToList(), none);
            (await store.ListPendingForTasksAsync([], none)).ShouldBeEmpty();
        });

        (await WithStore(store => store.ListPendingForTasksAsync([task, otherTask, notAsked], none))).Select(t => t.Id).ShouldBe([notAskedFor.Id]);
    }

    [ContractFact]
    public async Task Cancelling_many_at_once_closes_the_pending_ones_and_leaves_an_applied_one_applied()
    {
        var task = Guid.NewGuid();
        var warning = Alarm(SlaAlarmKind.Warning, At("2026-10-08T16:00:00Z"), task);
        var overdue = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T16:00:00Z"), task);
        var applied = Alarm(SlaAlarmKind.Reminder, At("2026-10-10T16:00:00Z"), task, sequence: 1);
        applied.Apply(At("2026-10-10T16:00:01Z"));
        await AddAsync(warning, overdue, applied);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IDueTimerStore>();
            var tracked = await store.ListPendingForTasksAsync([task], none);
            await store.CancelPendingAsync([warning.Id, overdue.Id, applied.Id], At("2026-10-01T00:00:00Z"), none);
            (await store.ListPendingForTasksAsync([task], none)).ShouldBeEmpty("the tracked copies were forgotten, not served stale");
            tracked.Count.ShouldBe(2);
        });

        var stored = await WithStore(store => store.ListByRequestAsync(warning.RequestId!.Value, none));
        stored.Single().Status.ShouldBe(DueTimerStatus.Cancelled);
        var all = await InScope(async services =>
        {
            var db = services.GetRequiredService<BpmDbContext>();
            return await db.DueTimers.AsNoTracking().Where(t => t.TaskId == task).OrderBy(t => t.DueAt).ToListAsync(none);
        });
        all.Select(t => (t.Status, t.ClosedAt, t.Version)).ShouldBe(
        [
            (DueTimerStatus.Cancelled, (DateTimeOffset?)At("2026-10-01T00:00:00Z"), 2L),
            (DueTimerStatus.Cancelled, (DateTimeOffset?)At("2026-10-01T00:00:00Z"), 2L),
            (DueTimerStatus.Applied, (DateTimeOffset?)At("2026-10-10T16:00:01Z"), 1L),
        ]);
    }

    [ContractFact]
    public async Task Cancelling_the_timers_of_completed_tasks_closes_their_pending_rungs_only()
    {
        var completed = Guid.NewGuid();
        var alsoCompleted = Guid.NewGuid();
        var stillOpen = Guid.NewGuid();
        var warning = Alarm(SlaAlarmKind.Warning, At("2026-10-08T16:00:00Z"), completed);
        var overdue = Alarm(SlaAlarmKind.Overdue, At("2026-10-09T16:00:00Z"), completed, warning.RequestId);
        var applied = Alarm(SlaAlarmKind.Reminder, At("2026-10-10T16:00:00Z"), completed, warning.RequestId, sequence: 1);
        applied.Apply(At("2026-10-10T16:00:01Z"));
        var second = Alarm(SlaAlarmKind.Warning, At("2026-10-12T16:00:00Z"), alsoCompleted);
        var open = Alarm(SlaAlarmKind.Warning, At("2026-10-08T16:00:00Z"), stillOpen);
        await AddAsync(warning, overdue, applied, second, open);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IDueTimerStore>();
            (await store.ListPendingForTasksAsync([completed], none)).Count.ShouldBe(2);
            await store.CancelPendingForTasksAsync([completed, alsoCompleted], At("2026-10-01T00:00:00Z"), none);
            (await store.ListPendingForTasksAsync([completed, alsoCompleted], none)).ShouldBeEmpty("the tracked copies were forgotten, not served stale");
        });

        var rows = await InScope(async services =>
        {
            var db = services.GetRequiredService<BpmDbContext>();
            return await db.DueTimers.AsNoTracking().Where(t => t.TaskId == completed || t.TaskId == alsoCompleted || t.TaskId == stillOpen)
                .OrderBy(t => t.DueAt).ThenBy(t => t.TaskId == stillOpen).ToListAsync(none);
        });
        rows.Select(t => (t.Id, t.Status, t.ClosedAt, t.Version)).ShouldBe(
        [
            (warning.Id, DueTimerStatus.Cancelled, (DateTimeOffset?)At("2026-10-01T00:00:00Z"), 2L),
            (open.Id, DueTimerStatus.Pending, (DateTimeOffset?)null, 1L),
            (overdue.Id, DueTimerStatus.Cancelled, (DateTimeOffset?)At("2026-10-01T00:00:00Z"), 2L),
            (applied.Id, DueTimerStatus.Applied, (DateTimeOffset?)At("2026-10-10T16:00:01Z"), 1L),
            (second.Id, DueTimerStatus.Cancelled, (DateTimeOffset?)At("2026-10-01T00:00:00Z"), 2L),
        ]);
    }

    [ContractFact]
    public async Task A_bookmarks_timer_is_found_while_pending()
    {
        var bookmarkId = NewId();
        var timer = DueTimer.ForBookmark(Guid.CreateVersion7(), bookmarkId, NewId(), At("2026-10-09T16:00:00Z"), Time.GetUtcNow());
        await AddAsync(timer);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IDueTimerStore>();
            var found = (await store.FindPendingForBookmarkAsync(bookmarkId, none))!;
            found.Id.ShouldBe(timer.Id);
            found.Apply(Time.GetUtcNow());
            await store.UpdateAsync([found], none);
        });

        (await WithStore(store => store.FindPendingForBookmarkAsync(bookmarkId, none))).ShouldBeNull();
        (await WithStore(store => store.FindPendingForBookmarkAsync(NewId(), none))).ShouldBeNull();
    }

    [ContractFact]
    public async Task The_next_pending_instant_is_the_earliest_pending_one_or_none()
    {
        await CloseEveryPendingTimerAsync();
        (await WithStore(store => store.NextPendingDueAtAsync(none))).ShouldBeNull();

        var applied = Alarm(SlaAlarmKind.Warning, At("2026-10-08T00:00:00Z"));
        applied.Apply(Time.GetUtcNow());
        await AddAsync(
            Alarm(SlaAlarmKind.Overdue, At("2026-10-09T12:00:00Z")), applied, Alarm(SlaAlarmKind.Warning, At("2026-10-09T17:30:00+08:00")));

        var next = await WithStore(store => store.NextPendingDueAtAsync(none));
        next.ShouldBe(At("2026-10-09T09:30:00Z"));
        next!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }
}

public sealed class DueTimerStoreOnSqlite(SqliteDatabaseFixture fixture) : DueTimerStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class DueTimerStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : DueTimerStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
