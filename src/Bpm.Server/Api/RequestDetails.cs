using AutoMapper;
using Bpm.Application.Bureaus;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Application.Workflows;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;

namespace Bpm.Server.Api;

/// <summary>A single request as its page shows it: the fields, the workflow, every task, the open deadlines and the journal.</summary>
public sealed class RequestDetails(
    IBureauStore bureaus, IRequestTaskStore tasks, IWorkflowJournalStore journal, IDeadlineChangeStore deadlineChanges, IDueTimerStore timers,
    IMapper mapper, TimeProvider time)
{
    public async Task<RequestDto> DescribeAsync(TaxpayerRequest request, BureauTree tree, CancellationToken cancellationToken)
    {
        var all = await tasks.ListByRequestAsync(request.Id, cancellationToken);
        var units = (await bureaus.AroundAsync(tree, request.BureauId, cancellationToken)).ToDictionary(u => u.Id);
        var context = new TaskMappingContext(tree, units, new Dictionary<Guid, TaxpayerRequest> { [request.Id] = request }, time.GetUtcNow());
        var dto = mapper.ToRequestDto(request, new RequestMappingContext(tree, units));
        var taskDtos = all.Select(t => mapper.ToTaskDto(t, context)).ToList();
        dto.Tasks = taskDtos;
        dto.Deadlines = [.. taskDtos.Where(t => t.Status == RequestTaskStatus.Open && t.DueAt is not null)
            .Select(t => new DeadlineDto(t.Id, t.Title, t.SlaStep, t.DueDate, t.DueAt, t.DueIsProvisional, t.Overdue))];
        dto.DeadlineChanges = [.. (await deadlineChanges.ListByRequestAsync(request.Id, cancellationToken)).Select(c => new DeadlineChangeDto(
            c.TaskId, c.Step, c.OldDueDate, c.OldDueAt, c.NewDueDate, c.NewDueAt, c.Cause.ToString(), c.Reason, c.ActorUserId, c.At))];
        dto.Timers = [.. (await timers.ListByRequestAsync(request.Id, cancellationToken)).Select(t => new TimerDto(
            t.Id, t.TaskId, t.Kind.ToString(), t.Sequence, t.DueAt, t.Status.ToString()))];
        dto.Journal = [.. (await journal.ListByRequestAsync(request.Id, cancellationToken)).Select(mapper.Map<JournalEntryDto>)];
        return dto;
    }
}
