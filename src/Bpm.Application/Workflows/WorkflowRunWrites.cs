using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;

namespace Bpm.Application.Workflows;

/// <summary>
/// What one run of a request's workflow wrote for that request, as written: the tasks it opened (e.g. 分办 at the
/// registering bureau's 纳税服务科), their SLA timers (warning, red, 3 reminders), the deadline changes it audited and its
/// journal entries (their <see cref="WorkflowJournalEntry.Sequence"/> is the store's, so still 0 here). A registration answers
/// from it instead of reading the request's rows back.
/// </summary>
public sealed record WorkflowRunWrites(
    IReadOnlyList<RequestTask> OpenedTasks, IReadOnlyList<DueTimer> Timers, IReadOnlyList<DeadlineChange> DeadlineChanges, IReadOnlyList<WorkflowJournalEntry> Journal)
{
    /// <summary>A request answered on the spot runs no workflow.</summary>
    public static WorkflowRunWrites None { get; } = new([], [], [], []);
}

/// <summary>
/// A completed task and its request as the completion left them (saved, versions moved), e.g. to answer the 200 from, with
/// the bureau tree the completion checked the handler against: the answer names the units from it instead of reading it again.
/// </summary>
public sealed record TaskCompletion(RequestTask Task, TaxpayerRequest Request, BureauTree Tree);
