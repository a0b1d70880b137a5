namespace Bpm.Application.Workflows;

/// <summary>
/// Workflow variables the <c>Bpm.*</c> activities share; they live in the instance state, so they survive
/// restarts and are visible in the designer's instance viewer.
/// </summary>
public static class WorkflowVariables
{
    public const string RequestId = "requestId";

    /// <summary>The lead unit chosen by the last dispatch (承办单位), a unit id.</summary>
    public const string LeadUnitId = "leadUnitId";

    /// <summary>Co-handling units (协办单位), an array of unit ids.</summary>
    public const string CoUnitIds = "coUnitIds";

    /// <summary>When the last dispatch happened (UTC); objections count from it.</summary>
    public const string DispatchedAt = "dispatchedAt";

    /// <summary>
    /// The local day (yyyy-MM-dd) the current dispatch's handling clock counts from: set when handling first opens after a
    /// dispatch, kept when the handling task opens again after an extension decision or a rejected objection.
    /// </summary>
    public const string HandlingCountFrom = "handlingCountFrom";

    /// <summary>Working days the current handling's SLA clock stood paused (waiting for the taxpayer), added to its due date.</summary>
    public const string HandlingPausedDays = "handlingPausedDays";

    /// <summary>Working days of extension granted so far for the current handling.</summary>
    public const string ExtensionDaysGranted = "extensionDaysGranted";

    /// <summary>The extension the handler asked for and the approver has not decided yet: {days, reason}.</summary>
    public const string PendingExtension = "pendingExtension";
}
