using System.Globalization;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// The handling deadline of the current dispatch, kept in workflow variables so that it survives the handling task
/// closing and re-opening (extension asked → decided → handling again): the day it counts from, the extension days
/// granted and the working days paused. Due = count-from + policy's handling days + granted + paused.
/// Example: Xiantao, counted from Wed 2026-09-30, 2 WD + 3 WD granted → Wed 2026-10-14 (Sat 10-10 is a make-up working day).
/// </summary>
internal static class HandlingClock
{
    /// <summary>The count for a handling task opening now: starts the clock on the first opening after a dispatch.</summary>
    public static SlaCount Count(RequestWorkflowContext request, ActivityExecutionContext context, DateTimeOffset now)
    {
        var countFrom = CountFrom(context);
        if (countFrom is null)
        {
            countFrom = request.Clock.LocalDate(now);
            context.SetVariable(WorkflowVariables.HandlingCountFrom, countFrom.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return new SlaCount(
            countFrom.Value,
            request.SlaRule(SlaStep.Handling).WorkingDays,
            context.GetVariable<int>(WorkflowVariables.ExtensionDaysGranted) + context.GetVariable<int>(WorkflowVariables.HandlingPausedDays));
    }

    /// <summary>The current handling due date, or null before handling opened after the last dispatch.</summary>
    public static DateOnly? DueDate(RequestWorkflowContext request, ActivityExecutionContext context)
    {
        if (CountFrom(context) is not { } from)
        {
            return null;
        }

        var days = request.SlaRule(SlaStep.Handling).WorkingDays
                   + context.GetVariable<int>(WorkflowVariables.ExtensionDaysGranted)
                   + context.GetVariable<int>(WorkflowVariables.HandlingPausedDays);
        return request.Calendar.AddWorkingDays(from, days);
    }

    /// <summary>The instant the current handling passes due, at the handling step's cut-off.</summary>
    public static DateTimeOffset DueAt(RequestWorkflowContext request, DateOnly dueDate) =>
        request.SlaRule(SlaStep.Handling).ClockFor(request.Clock).DeadlineInstant(dueDate);

    /// <summary>A dispatch starts a new handling clock.</summary>
    public static void Reset(ActivityExecutionContext context)
    {
        context.SetVariable(WorkflowVariables.HandlingCountFrom, null);
        context.SetVariable(WorkflowVariables.ExtensionDaysGranted, 0);
        context.SetVariable(WorkflowVariables.HandlingPausedDays, 0);
        context.SetVariable(WorkflowVariables.PendingExtension, null);
    }

    private static DateOnly? CountFrom(ActivityExecutionContext context) =>
        context.GetVariable<string>(WorkflowVariables.HandlingCountFrom) is { Length: > 0 } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}

/// <summary>
/// A task's SLA count: the local day it counts from (not itself counted), the step's working days, and the days added by
/// extensions and pauses. Example: (2026-09-30, 2, 0) → due Fri 2026-10-09.
/// </summary>
public sealed record SlaCount(DateOnly CountFrom, int WorkingDays, int AddedWorkingDays)
{
    public DateOnly DueDate(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(CountFrom, WorkingDays + AddedWorkingDays);
    }
}
