using System.Globalization;
using Bpm.Application.Bureaus;
using Bpm.Application.Notices;
using Bpm.Application.Workflows;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Notices;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Domain.Users;

namespace Bpm.Application.Timers;

/// <summary>
/// What each rung of the ladder does to an open task when its timer fires, in the caller's transaction:
/// <list type="bullet">
/// <item>Warning → yellow; the handler who claimed it (else the unit's handlers) is told 【预警】.</item>
/// <item>Overdue → red (the handler sees it in the inbox); the unit head (the unit's approvers) and the tax-service department's approvers are told 【督办】.</item>
/// <item>Reminder n → the handler and the unit head are told 【催办】 again.</item>
/// <item>JointMeeting → the joint-meeting office (or, where a bureau has none, the tax-service department) is told 【提交联席会议】.</item>
/// </list>
/// Each applied rung is also written to the request's journal, so its history shows it. Returns false when the task had
/// already reached that rung, so nothing is done twice.
/// <para>
/// The notices and journal entries are kept until <see cref="FlushAsync"/>, which the caller runs once per batch in the same
/// transaction: 500 escalations then cost one notice save and one journal append, not 200 of each (each save scans every
/// entity the batch tracks; per timer, that made a burst of 1,000 take ~30 s on SQLite, see tools/Bpm.Bench `timers`).
/// </para>
/// </summary>
public sealed class SlaAlarmEffects(
    INoticeStore notices, IWorkflowJournalStore journal, IBureauStore bureaus, RequestWorkflowContext context, TimeProvider time)
{
    private readonly List<Notice> _notices = [];
    private readonly List<WorkflowJournalEntry> _journal = [];

    // The units around a bureau, read once per batch: a burst at one cut-off concerns a handful of bureaus.
    private readonly Dictionary<Guid, IReadOnlyList<Unit>> _unitsAround = [];

    public async Task<bool> ApplyAsync(DueTimer timer, RequestTask task, TaxpayerRequest request, BureauTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var applies = timer.Kind switch
        {
            DueTimerKind.Warning => task.RaiseAlert(SlaAlertLevel.Warning),
            DueTimerKind.Overdue => task.RaiseAlert(SlaAlertLevel.Overdue),
            DueTimerKind.Reminder => task.RecordReminder(timer.Sequence),
            DueTimerKind.JointMeeting => task.RecordJointMeeting(now),
            _ => false,
        };
        if (!applies)
        {
            return false;
        }

        if (!_unitsAround.TryGetValue(request.BureauId, out var units))
        {
            units = await bureaus.AroundAsync(tree, request.BureauId, cancellationToken);
            _unitsAround[request.BureauId] = units;
        }

        context.Load(request, tree, units, null);
        var text = Text(timer, task, request, tree);
        var kind = (NoticeKind)Enum.Parse(typeof(NoticeKind), timer.Kind.ToString());
        var recipients = Recipients(timer.Kind, task).Distinct().ToList();
        _notices.AddRange(recipients.Select(r => new Notice(Guid.CreateVersion7(now), kind, request.Id, task.Id, r.UnitId, r.Roles, r.UserId, text, now)));
        _journal.Add(new WorkflowJournalEntry(request.Id, task.WorkflowInstanceId, timer.Id.ToString("N"), task.ActivityId, task.ActivityId, SlaJournal.ActivityType,
            task.Title, timer.Kind.ToString(), [], timer.DueAt, now, null, text));
        return true;
    }

    /// <summary>Writes the notices and journal entries of every rung applied since the last flush, through the caller's unit of work.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_notices.Count > 0)
        {
            await notices.AddAsync([.. _notices], cancellationToken);
            _notices.Clear();
        }

        if (_journal.Count > 0)
        {
            await journal.AppendAsync([.. _journal], cancellationToken);
            _journal.Clear();
        }
    }

    private IEnumerable<Recipient> Recipients(DueTimerKind kind, RequestTask task)
    {
        var handler = task.ClaimedBy is { } user ? new Recipient(null, Roles.None, user) : new Recipient(task.AssigneeUnitId, task.AssigneeRole, null);
        var unitHead = new Recipient(task.AssigneeUnitId, Roles.Approver, null);
        switch (kind)
        {
            case DueTimerKind.Warning:
                yield return handler;
                break;
            case DueTimerKind.Overdue:
                // The handler was warned and sees the task red in the inbox; 督办 goes to those who supervise.
                yield return unitHead;
                yield return new Recipient(context.UnitWithDuty(UnitDuties.TaxService).Id, Roles.Approver, null);
                break;
            case DueTimerKind.Reminder:
                yield return handler;
                yield return unitHead;
                break;
            case DueTimerKind.JointMeeting:
                yield return new Recipient(context.UnitWithDuty(UnitDuties.JointMeetingOffice).Id, Roles.Approver, null);
                yield return unitHead;
                break;
        }
    }

    /// <summary>E.g. 【督办】XT-2026-000123「办理」已于 2026-10-09 24:00 超期，请立即办理 (the due day and the step's cut-off, local time).</summary>
    private static string Text(DueTimer timer, RequestTask task, TaxpayerRequest request, BureauTree tree)
    {
        var cutOff = tree.StepClockOf(task.BureauId, request.Type, task.SlaStep).CutOff;
        var time = cutOff == BureauClock.EndOfDay ? "24:00" : cutOff.ToString("HH:mm", CultureInfo.InvariantCulture);
        var due = task.DueDate is { } date ? $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {time}" : "";
        var subject = $"{request.Number}「{task.Title}」";
        return timer.Kind switch
        {
            DueTimerKind.Warning => $"【预警】{subject}将于 {due} 到期，请抓紧办理",
            DueTimerKind.Overdue => $"【督办】{subject}已于 {due} 超期，请立即办理",
            DueTimerKind.Reminder => $"【催办】{subject}已超期（{due} 到期），第{timer.Sequence}次催办",
            DueTimerKind.JointMeeting => $"【提交联席会议】{subject}超期仍未解决（{due} 到期），请联席会议办公室研究处理",
            _ => subject,
        };
    }

    private sealed record Recipient(Guid? UnitId, Roles Roles, Guid? UserId);
}

/// <summary>How SLA events appear in a request's journal: activity type <c>Bpm.Sla</c>, status = the rung (Warning, Overdue …).</summary>
public static class SlaJournal
{
    public const string ActivityType = "Bpm.Sla";
}
