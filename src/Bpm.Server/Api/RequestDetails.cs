using AutoMapper;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Application.Workflows;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;

namespace Bpm.Server.Api;

/// <summary>A single request as its page shows it: the fields, the workflow, every task, the open deadlines and the journal.</summary>
public sealed class RequestDetails(
    IBureauStore bureaus, IRequestTaskStore tasks, IWorkflowJournalStore journal, IDeadlineChangeStore deadlineChanges, IDueTimerStore timers,
    IMapper mapper, TimeProvider time)
{
    /// <summary>The request as stored: its tasks, deadline changes, timers and journal read from the database.</summary>
    public async Task<RequestDto> DescribeAsync(TaxpayerRequest request, BureauTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = await tasks.ListByRequestAsync(request.Id, cancellationToken);
        var changes = await deadlineChanges.ListByRequestAsync(request.Id, cancellationToken);
        var requestTimers = await timers.ListByRequestAsync(request.Id, cancellationToken);
        return await DescribeAsync(request, tree, all, changes, requestTimers, cancellationToken);
    }

    /// <summary>
    /// A request just registered, from what its registration wrote: every row of it is new, so its tasks, timers and deadline
    /// changes are exactly those of the first run, in the order the database lists them (the same JSON as a GET). Only the
    /// journal is read, for the sequence numbers the database gave its entries.
    /// </summary>
    public Task<RequestDto> DescribeRegisteredAsync(RegisteredRequest registered, BureauTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var run = registered.Run;
        return DescribeAsync(
            registered.Request,
            tree,
            [.. run.OpenedTasks.OrderBy(t => t.OpenedAt).ThenBy(t => t.Id, GuidOrder.AsStored)],
            [.. run.DeadlineChanges.OrderBy(c => c.At).ThenBy(c => c.Id, GuidOrder.AsStored)],
            [.. run.Timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id, GuidOrder.AsStored)],
            cancellationToken);
    }

    private async Task<RequestDto> DescribeAsync(
        TaxpayerRequest request, BureauTree tree, IReadOnlyList<RequestTask> all, IReadOnlyList<DeadlineChange> changes, IReadOnlyList<DueTimer> requestTimers,
        CancellationToken cancellationToken)
    {
        var units = (await bureaus.AroundAsync(tree, request.BureauId, cancellationToken)).ToDictionary(u => u.Id);
        var context = new TaskMappingContext(tree, units, new Dictionary<Guid, TaxpayerRequest> { [request.Id] = request }, time.GetUtcNow());
        var dto = mapper.ToRequestDto(request, new RequestMappingContext(tree, units));
        var taskDtos = all.Select(t => mapper.ToTaskDto(t, context)).ToList();
        dto.Tasks = taskDtos;
        dto.Deadlines = [.. taskDtos.Where(t => t.Status == RequestTaskStatus.Open && t.DueAt is not null)
            .Select(t => new DeadlineDto(t.Id, t.Title, t.SlaStep, t.DueDate, t.DueAt, t.DueIsProvisional, t.Overdue))];
        dto.DeadlineChanges = [.. changes.Select(c => new DeadlineChangeDto(
            c.TaskId, c.Step, c.OldDueDate, c.OldDueAt, c.NewDueDate, c.NewDueAt, c.Cause.ToString(), c.Reason, c.ActorUserId, c.At))];
        dto.Timers = [.. requestTimers.Select(t => new TimerDto(
            t.Id, t.TaskId, t.Kind.ToString(), t.Sequence, t.DueAt, t.Status.ToString()))];
        dto.Journal = [.. (await journal.ListByRequestAsync(request.Id, cancellationToken)).Select(mapper.Map<JournalEntryDto>)];
        return dto;
    }
}

/// <summary>
/// Ids in the order the databases sort them: SQLite compares the text (upper-case, e.g. "0193A…" before "0193B…") and
/// PostgreSQL the uuid's bytes, both the order of the hexadecimal text; <see cref="Guid.CompareTo(Guid)"/> is not always.
/// </summary>
internal sealed class GuidOrder : IComparer<Guid>
{
    public static GuidOrder AsStored { get; } = new();

    public int Compare(Guid x, Guid y) => string.CompareOrdinal(x.ToString("N"), y.ToString("N"));
}
