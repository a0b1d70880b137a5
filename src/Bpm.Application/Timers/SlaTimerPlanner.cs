using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;

namespace Bpm.Application.Timers;

/// <summary>
/// Keeps a task's pending timers equal to what its step's escalation ladder asks for: planned when the task opens,
/// cancelled when it closes or pauses, re-planned when its deadline moves (a rung whose instant changed moves its timer). Rungs already reached stay reached: a task
/// warned on Thursday is not warned again unless its deadline moved far enough that the warning lies ahead once more.
/// Everything is written through the caller's unit of work, together with the step that needed it (the outbox).
/// </summary>
public sealed class SlaTimerPlanner(IDueTimerStore timers, TimeProvider time)
{
    /// <summary>
    /// The rungs of the task's ladder under the tree's current policy and calendar, none for a task that is closed, paused,
    /// has no due date, or whose step has no ladder. Example: Xiantao handling due Fri 2026-10-09 → warning Thu 10-08 24:00,
    /// red Fri 10-09 24:00, reminders Sat 10-10, Mon 10-12, Tue 10-13 at 24:00.
    /// </summary>
    public static IReadOnlyList<SlaAlarm> AlarmsOf(RequestTask task, BureauTree tree, RequestType type)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(tree);
        if (task.Status != RequestTaskStatus.Open || task.IsPaused || task.SlaStep is not { } step || task.DueDate is not { } due)
        {
            return [];
        }

        var rule = tree.SlaRule(task.BureauId, type, step)?.Value;
        if (rule?.Ladder is not { } ladder)
        {
            return [];
        }

        return ladder.Plan(tree.CalendarOf(task.BureauId), rule.ClockFor(tree.ClockOf(task.BureauId)), due, task.OpenedAt);
    }

    /// <summary>
    /// Timers for every rung of a task that just opened; returns them. A task that just opened has no timers yet, so none are
    /// read (a registration used to ask for the pending timers of its brand-new task).
    /// </summary>
    public async Task<IReadOnlyList<DueTimer>> PlanOpenedAsync(RequestTask task, BureauTree tree, RequestType type, CancellationToken cancellationToken)
    {
        var plan = Plan([(task, type)], tree, NoTimers, time.GetUtcNow());
        await SaveAsync(plan, cancellationToken);
        return plan.Added;
    }

    /// <summary>The task closed or paused: its pending timers will not fire (one statement, nothing read).</summary>
    public async Task CancelAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count == 0)
        {
            return;
        }

        await timers.CancelPendingForTasksAsync(taskIds, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Brings the pending timers of these (tracked) tasks in line with their ladders, after their deadlines may have moved;
    /// marks that now lie in the future again are taken back (see <see cref="RequestTask.ReviewAlerts"/>). Returns how many
    /// tasks had their timers changed. <see cref="PlanAsync"/> then <see cref="SaveAsync"/>.
    /// </summary>
    public async Task<int> ReplanAsync(IReadOnlyCollection<(RequestTask Task, RequestType Type)> tasks, BureauTree tree, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(tasks, tree, cancellationToken);
        await SaveAsync(plan, cancellationToken);
        return plan.ChangedTasks;
    }

    /// <summary>
    /// What <see cref="ReplanAsync"/> would write, worked out without writing: the pending timers are read (tracked) and the
    /// moves made on them in memory, the tasks' marks reviewed. A bulk re-plan plans one batch outside the transaction
    /// while another batch writes; the writes are checked against the versions read, so a timer or task changed in
    /// between makes <see cref="SaveAsync"/> fail with <see cref="Requests.ConcurrencyConflictException"/>, and nothing of it stands.
    /// </summary>
    public async Task<TimerPlan> PlanAsync(IReadOnlyCollection<(RequestTask Task, RequestType Type)> tasks, BureauTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var now = time.GetUtcNow();
        var pending = (await timers.ListPendingForTasksAsync([.. tasks.Select(t => t.Task.Id)], cancellationToken)).ToLookup(t => t.TaskId);
        return Plan(tasks, tree, pending, now);
    }

    private static readonly ILookup<Guid?, DueTimer> NoTimers = Array.Empty<DueTimer>().ToLookup(t => t.TaskId);

    /// <summary>The plan given the tasks' pending timers (<paramref name="pending"/>, by task id).</summary>
    private static TimerPlan Plan(
        IReadOnlyCollection<(RequestTask Task, RequestType Type)> tasks, BureauTree tree, ILookup<Guid?, DueTimer> pending, DateTimeOffset now)
    {
        var cancelled = new List<Guid>();
        var moved = new List<DueTimer>();
        var added = new List<DueTimer>();
        var changedTasks = 0;
        foreach (var (task, type) in tasks)
        {
            var alarms = AlarmsOf(task, tree, type);
            if (task.DueAt is { } dueAt && alarms.Count > 0)
            {
                task.ReviewAlerts(
                    alarms.FirstOrDefault(a => a.Kind == SlaAlarmKind.Warning)?.At, dueAt,
                    alarms.Count(a => a.Kind == SlaAlarmKind.Reminder && a.At <= now), now);
            }

            var wanted = alarms.Where(a => !Reached(task, a, now)).ToHashSet();
            var existing = pending[task.Id].ToList();
            var stale = existing.Where(t => t.Alarm is not { } alarm || !wanted.Contains(alarm)).ToList();
            var missing = wanted.Where(a => !existing.Any(t => t.Alarm == a)).ToList();
            changedTasks += stale.Count + missing.Count > 0 ? 1 : 0;

            // A rung that only changed its instant moves its timer (one update) instead of cancel + insert.
            foreach (var timer in stale)
            {
                var same = missing.FirstOrDefault(a => a.Kind == timer.Kind.ToAlarmKind() && a.Sequence == timer.Sequence);
                if (same is null)
                {
                    cancelled.Add(timer.Id);
                    continue;
                }

                timer.MoveTo(same.At);
                moved.Add(timer);
                missing.Remove(same);
            }

            added.AddRange(missing.Select(a => DueTimer.ForAlarm(Guid.CreateVersion7(now), task.Id, task.RequestId, a, now)));
        }

        return new TimerPlan(moved, cancelled, added, changedTasks, now);
    }

    /// <summary>Writes a <see cref="PlanAsync"/> result through the caller's unit of work.</summary>
    public async Task SaveAsync(TimerPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Moved.Count > 0)
        {
            await timers.UpdateAsync(plan.Moved, cancellationToken);
        }

        if (plan.Cancelled.Count > 0)
        {
            await timers.CancelPendingAsync(plan.Cancelled, plan.At, cancellationToken);
        }

        if (plan.Added.Count > 0)
        {
            await timers.AddAsync(plan.Added, cancellationToken);
        }
    }

    /// <summary>A rung the task has already gone through and that is not ahead of it again.</summary>
    private static bool Reached(RequestTask task, SlaAlarm alarm, DateTimeOffset now) => alarm.Kind switch
    {
        SlaAlarmKind.Warning => alarm.At <= now && task.AlertLevel >= SlaAlertLevel.Warning,
        SlaAlarmKind.Overdue => alarm.At <= now && task.AlertLevel >= SlaAlertLevel.Overdue,
        SlaAlarmKind.Reminder => alarm.Sequence <= task.RemindersSent,
        SlaAlarmKind.JointMeeting => task.EscalatedAt is not null,
        _ => false,
    };
}

/// <summary>
/// The timer changes of a re-plan, not yet written: timers moved to a new instant (tracked), timers to cancel, timers to add;
/// how many tasks had any; the instant it was worked out at.
/// </summary>
public sealed record TimerPlan(
    IReadOnlyList<DueTimer> Moved, IReadOnlyList<Guid> Cancelled, IReadOnlyList<DueTimer> Added, int ChangedTasks, DateTimeOffset At);
