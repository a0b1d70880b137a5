namespace Bpm.Chaos;

/// <summary>The verdict on one drill: what was checked, and every loss or duplicate found (none = passed).</summary>
public sealed record DrillReport(
    int RegistrationsConfirmed,
    int RegistrationsUnknown,
    int CompletionsConfirmed,
    int CompletionsUnknown,
    int TimersApplied,
    int TimersDue,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Compares what clients were told (<see cref="DrillLedger"/>) with what the server stored (<see cref="DrillFacts"/>):
/// <list type="bullet">
/// <item>every registration answered 201 exists under its number; no registration (even one whose answer was lost) exists twice;</item>
/// <item>every completion answered 200 left its task Completed, is in the journal exactly once, and the next step exists
/// (a task opened after it, or the workflow ended); no task was answered 200 twice, none journaled as completed twice;</item>
/// <item>no escalation rung (warning, red, reminder n, joint meeting) was applied twice to a task, each applied one is
/// journaled exactly once;</item>
/// <item>no timer was lost: none still pending whose instant passed more than <c>grace</c> before the facts were read.</item>
/// </list>
/// </summary>
public static class DrillChecker
{
    /// <summary>Journal status of an executed activity that finished (a completed human task, among others).</summary>
    public const string CompletedStatus = "Completed";

    /// <summary>ActivityType of the journal entry an applied escalation rung writes (SlaAlarmEffects).</summary>
    public const string EscalationActivityType = "Bpm.Sla";

    /// <summary>Precedes the marker in a drill request's text.</summary>
    public const string MarkerPrefix = "故障演练 ";

    public static DrillReport Check(DrillLedger ledger, DrillFacts facts, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(facts);
        var problems = new List<string>();
        var serverErrors = ledger.Registrations.Count(r => r.Status >= 500 && r.Status != 503) + ledger.Completions.Count(c => c.Status >= 500 && c.Status != 503);
        if (serverErrors > 0)
        {
            problems.Add($"{serverErrors} call(s) answered with a server error (5xx other than 503): see the server logs");
        }

        CheckRegistrations(ledger, facts, problems);
        CheckCompletions(ledger, facts, problems);
        CheckEscalations(facts, problems);
        var due = CheckTimers(facts, grace, problems);
        return new DrillReport(
            ledger.Registrations.Count(r => r.Outcome == CallOutcome.Succeeded),
            ledger.Registrations.Count(r => r.Outcome == CallOutcome.Unknown),
            ledger.Completions.Count(c => c.Outcome == CallOutcome.Succeeded),
            ledger.Completions.Count(c => c.Outcome == CallOutcome.Unknown),
            facts.Timers.Count(t => t.Status == "Applied"),
            due,
            problems);
    }

    private static void CheckRegistrations(DrillLedger ledger, DrillFacts facts, List<string> problems)
    {
        var byId = facts.Requests.ToDictionary(r => r.Id);
        foreach (var call in ledger.Registrations.Where(r => r.Outcome == CallOutcome.Succeeded))
        {
            if (call.RequestId is not { } id || !byId.TryGetValue(id, out var stored) || stored.Number != call.Number)
            {
                problems.Add($"registration {call.Number ?? call.Marker} was answered 201 but is not stored");
            }
        }

        var copiesByMarker = facts.Requests.GroupBy(r => MarkerOf(r.Text)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var call in ledger.Registrations)
        {
            var copies = copiesByMarker.GetValueOrDefault(call.Marker);
            if (copies > 1)
            {
                problems.Add($"registration {call.Marker} ({call.Outcome}) is stored {copies} times");
            }
            else if (copies == 1 && call.Outcome == CallOutcome.NotSent)
            {
                problems.Add($"registration {call.Marker} never reached a server but is stored");
            }
        }
    }

    /// <summary>The marker at the end of a drill request's text: "…（故障演练 chaos-7-12）" → "chaos-7-12".</summary>
    public static string MarkerOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.LastIndexOf(MarkerPrefix, StringComparison.Ordinal);
        var end = text.LastIndexOf('）');
        return start < 0 || end < start ? "" : text[(start + MarkerPrefix.Length)..end];
    }

    private static void CheckCompletions(DrillLedger ledger, DrillFacts facts, List<string> problems)
    {
        var tasks = facts.Tasks.ToDictionary(t => t.Id);
        var instances = facts.Instances.ToDictionary(i => i.Id);
        foreach (var twice in ledger.Completions.Where(c => c.Outcome == CallOutcome.Succeeded).GroupBy(c => c.TaskId).Where(g => g.Count() > 1))
        {
            problems.Add($"task {twice.Key} was answered 200 for {twice.Count()} completions");
        }

        foreach (var call in ledger.Completions.Where(c => c.Outcome == CallOutcome.Succeeded).DistinctBy(c => c.TaskId))
        {
            if (!tasks.TryGetValue(call.TaskId, out var task) || task.Status != "Completed" || task.CompletedAt is not { } completedAt)
            {
                problems.Add($"task {call.TaskId} was answered 200 but is not completed");
                continue;
            }

            var next = facts.Tasks.Any(t => t.RequestId == task.RequestId && t.Id != task.Id && t.OpenedAt >= completedAt);
            var ended = instances.TryGetValue(task.WorkflowInstanceId, out var instance) && instance.Status != "Running";
            if (!next && !ended)
            {
                problems.Add($"task {call.TaskId} was completed but its request has no next step (no later task, workflow still running)");
            }
        }

        // A human task's activity may run more than once in one instance (a re-dispatch): as many completions in the journal
        // as completed tasks, per instance and activity.
        var journaled = facts.Journal
            .Where(j => j.Status == CompletedStatus && j.ActivityType != EscalationActivityType)
            .GroupBy(j => (j.WorkflowInstanceId, j.ActivityId))
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var group in facts.Tasks.Where(t => t.Status == "Completed").GroupBy(t => (t.WorkflowInstanceId, t.ActivityId)))
        {
            var inJournal = journaled.GetValueOrDefault(group.Key);
            if (inJournal != group.Count())
            {
                problems.Add($"activity {group.Key.ActivityId} of instance {group.Key.WorkflowInstanceId}: {group.Count()} completed task(s), {inJournal} completion(s) in the journal");
            }
        }

        foreach (var twice in facts.Tasks.Where(t => t.Status == "Open").GroupBy(t => (t.WorkflowInstanceId, t.ActivityId)).Where(g => g.Count() > 1))
        {
            problems.Add($"activity {twice.Key.ActivityId} of instance {twice.Key.WorkflowInstanceId} has {twice.Count()} open tasks at once");
        }

        foreach (var twice in facts.Tasks.GroupBy(t => t.BookmarkId).Where(g => g.Count() > 1))
        {
            problems.Add($"bookmark {twice.Key} opened {twice.Count()} tasks");
        }
    }

    private static void CheckEscalations(DrillFacts facts, List<string> problems)
    {
        var applied = facts.Timers.Where(t => t.Status == "Applied" && t.TaskId is not null).ToList();
        foreach (var twice in applied.GroupBy(t => (t.TaskId, t.Kind, t.Sequence)).Where(g => g.Count() > 1))
        {
            problems.Add($"escalation {twice.Key.Kind} {twice.Key.Sequence} of task {twice.Key.TaskId} applied {twice.Count()} times");
        }

        var entries = facts.Journal.Where(j => j.ActivityType == EscalationActivityType)
            .GroupBy(j => j.ActivityInstanceId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var timer in applied)
        {
            var count = entries.GetValueOrDefault(timer.Id.ToString("N"));
            if (count != 1)
            {
                problems.Add($"escalation timer {timer.Id} ({timer.Kind}) applied, journaled {count} times");
            }
        }

        var appliedIds = applied.Select(t => t.Id.ToString("N")).ToHashSet();
        foreach (var orphan in entries.Keys.Where(id => !appliedIds.Contains(id)))
        {
            problems.Add($"escalation journaled for timer {orphan}, which is not applied");
        }
    }

    /// <summary>Returns how many timers were due by the time the facts were read.</summary>
    private static int CheckTimers(DrillFacts facts, TimeSpan grace, List<string> problems)
    {
        var due = facts.Timers.Where(t => t.DueAt <= facts.ReadAt).ToList();
        foreach (var lost in due.Where(t => t.Status == "Pending" && t.DueAt <= facts.ReadAt - grace))
        {
            problems.Add($"timer {lost.Id} ({lost.Kind}) due {lost.DueAt:O} still pending at {facts.ReadAt:O}");
        }

        return due.Count;
    }
}
