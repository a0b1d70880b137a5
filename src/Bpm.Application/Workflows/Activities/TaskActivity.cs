using System.Globalization;
using System.Text.Json.Nodes;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// What every task for people shares: open the task (unit, role, outcomes, form, due date from the SLA step)
/// by waiting on a <see cref="TaskBookmark"/>; when someone completes it, check the outcome and the form and
/// let the subclass apply its rule, then follow the chosen outcome's port. Refused input leaves the task open
/// and the workflow unchanged; the reasons go back to the person as field errors.
/// </summary>
public abstract class TaskActivity(RequestWorkflowContext request) : Activity
{
    protected RequestWorkflowContext Request { get; } = request;

    protected abstract string TaskTitle { get; }

    protected abstract TaskAssignee TaskAssignee { get; }

    protected abstract TaskRole TaskRole { get; }

    protected abstract IReadOnlyList<string> TaskOutcomes { get; }

    protected abstract JsonNode? TaskForm { get; }

    protected abstract SlaStep? TaskSlaStep { get; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var now = context.TimeProvider.GetUtcNow();
        OnOpening(context, now);
        var count = SlaCount(context, now);
        var deadline = count is null ? null : DeadlineOf(count);
        var spec = new TaskOpeningSpec(
            Guid.CreateVersion7(now), TaskTitle, AssigneeUnit(context).Id, TaskRole, TaskOutcomes, TaskForm,
            TaskSlaStep, deadline?.DueDate, deadline?.DueAt, deadline?.IsProvisional ?? false, count);
        var bookmark = context.CreateBookmark(TaskBookmark.Name, TaskBookmark.Payload(spec), hashSource: spec.TaskId.ToString());
        return ValueTask.FromResult(ActivityResult.Suspend(bookmark));
    }

    public override ValueTask<ActivityResult> OnResumeAsync(ActivityExecutionContext context)
    {
        var outcome = context.ResumeInput?["outcome"]?.GetValue<string>() ?? "";
        var data = context.ResumeInput?["data"] as JsonObject;
        var errors = new List<FieldError>();
        if (!TaskOutcomes.Contains(outcome, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("outcome", $"未知的办理结果“{outcome}”；可选：{string.Join("、", TaskOutcomes)}"));
        }
        else
        {
            errors.AddRange(Workflows.TaskForm.Check(Workflows.TaskForm.Parse(TaskForm), outcome, data, id => Request.FindUnit(id) is not null));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(Check(context, outcome, data, context.TimeProvider.GetUtcNow()));
        }

        if (errors.Count > 0)
        {
            throw new TaskInputRejectedException(errors);
        }

        OnCompleted(context, outcome, data, context.TimeProvider.GetUtcNow());
        return ValueTask.FromResult(ActivityResult.Complete(outcome));
    }

    /// <summary>Runs before the task opens, e.g. the request moves to Parked.</summary>
    protected virtual void OnOpening(ActivityExecutionContext context, DateTimeOffset now)
    {
    }

    /// <summary>A rule of this kind of task beyond the form, e.g. an extension within the policy's cap.</summary>
    protected virtual IEnumerable<FieldError> Check(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now) => [];

    /// <summary>What the chosen outcome changes, e.g. the lead unit after a dispatch.</summary>
    protected virtual void OnCompleted(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
    }

    /// <summary>N working days of the SLA step counted from the day the task opens; none without a step.</summary>
    protected virtual SlaCount? SlaCount(ActivityExecutionContext context, DateTimeOffset now) =>
        TaskSlaStep is { } step ? new SlaCount(Request.Clock.LocalDate(now), Request.SlaRule(step).WorkingDays, 0) : null;

    /// <summary>The due date and instant of a count, at the step's cut-off (or the bureau's).</summary>
    protected WorkingDayDeadline DeadlineOf(SlaCount count)
    {
        var date = Request.Calendar.AddWorkingDays(count.CountFrom, count.WorkingDays + count.AddedWorkingDays);
        var clock = TaskSlaStep is { } step ? Request.SlaRule(step).ClockFor(Request.Clock) : Request.Clock;
        return new(date, clock.DeadlineInstant(date), Request.Calendar.IsProvisional(date));
    }

    protected static DateOnly? DateVariable(ActivityExecutionContext context, string name) =>
        context.GetVariable<string>(name) is { Length: > 0 } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    protected static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Unit AssigneeUnit(ActivityExecutionContext context) => TaskAssignee switch
    {
        TaskAssignee.ReceivingUnit => Request.FindUnit(Request.Request.ReceivingUnitId)
            ?? throw new InvalidOperationException($"The receiving unit {Request.Request.ReceivingUnitId} is not a unit of the request's bureau path."),
        TaskAssignee.TaxService => Request.UnitWithDuty(UnitDuties.TaxService),
        TaskAssignee.JointMeetingOffice => Request.UnitWithDuty(UnitDuties.JointMeetingOffice),
        TaskAssignee.LeadUnit => context.GetVariable<string>(WorkflowVariables.LeadUnitId) is { } id && Request.FindUnit(Guid.Parse(id)) is { } lead
            ? lead
            : throw new InvalidOperationException("No lead unit: a task for the lead unit needs a Bpm.Dispatch before it."),
        _ => throw new ArgumentOutOfRangeException(nameof(context), TaskAssignee, null),
    };
}

/// <summary>The person's input broke a rule of the task; the task stays open and nothing changes.</summary>
public sealed class TaskInputRejectedException(IReadOnlyList<FieldError> errors)
    : ResumeRejectedException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
