using System.Text.Json.Nodes;
using AutoMapper;
using Bpm.Application.Workflows;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;

namespace Bpm.Server.Api;

/// <summary>
/// What a task's DTO needs beyond the entity: the bureau tree (each bureau's calendar and clock for the working
/// days left), the units it names, the requests of inbox rows, and the current instant.
/// </summary>
public sealed record TaskMappingContext(BureauTree Tree, IReadOnlyDictionary<Guid, Unit> Units, IReadOnlyDictionary<Guid, TaxpayerRequest> Requests, DateTimeOffset Now)
{
    public const string ItemKey = nameof(TaskMappingContext);

    public static TaskMappingContext From(ResolutionContext resolution) =>
        resolution.Items.TryGetValue(ItemKey, out var value) && value is TaskMappingContext context
            ? context
            : throw new InvalidOperationException($"map tasks with {nameof(TaskMappingExtensions.ToTaskDto)}, which supplies the {ItemKey}");

    /// <summary>Working days from today to the due date in the task's bureau: due tomorrow → 1, due today → 0, due yesterday → -1.</summary>
    public int? WorkingDaysLeft(RequestTask task)
    {
        if (task.DueDate is not { } due || !Tree.Contains(task.BureauId))
        {
            return null;
        }

        var today = Tree.ClockOf(task.BureauId).LocalDate(Now);
        return Tree.CalendarOf(task.BureauId).WorkingDaysBetween(today, due);
    }
}

/// <summary><see cref="RequestTask"/> → <see cref="TaskDto"/>; <see cref="WorkflowJournalEntry"/> → <see cref="JournalEntryDto"/>.</summary>
public sealed class TaskMappingProfile : Profile
{
    public TaskMappingProfile()
    {
        CreateMap<RequestTask, TaskDto>()
            .ForMember(d => d.Request, o => o.MapFrom((task, _, _, resolution) =>
                TaskMappingContext.From(resolution).Requests.TryGetValue(task.RequestId, out var r)
                    ? new TaskRequestDto(r.Id, r.Number, Bpm.Domain.Taxpayers.PersonalDataMask.Name(r.TaxpayerName), r.Type.ToString(), r.Type.ChineseName(), r.Status.ToString(), r.Status.ChineseName())
                    : null))
            .ForMember(d => d.Unit, o => o.MapFrom((task, _, _, resolution) =>
                TaskMappingContext.From(resolution).Units.TryGetValue(task.AssigneeUnitId, out var unit) ? resolution.Mapper.Map<UnitRefDto>(unit) : null))
            .ForMember(d => d.Role, o => o.MapFrom(task => task.AssigneeRole.ToString()))
            .ForMember(d => d.Outcomes, o => o.MapFrom(task => task.Outcomes.ToList()))
            .ForMember(d => d.Form, o => o.MapFrom(task => JsonNode.Parse(task.FormJson, null, default)))
            .ForMember(d => d.Data, o => o.MapFrom(task => task.DataJson == null ? null : JsonNode.Parse(task.DataJson, null, default)))
            .ForMember(d => d.WorkingDaysLeft, o => o.MapFrom((task, _, _, resolution) => TaskMappingContext.From(resolution).WorkingDaysLeft(task)))
            .ForMember(d => d.Overdue, o => o.MapFrom((task, _, _, resolution) =>
                task.Status == RequestTaskStatus.Open && task.DueAt is { } due && TaskMappingContext.From(resolution).Now >= due));
        CreateMap<WorkflowJournalEntry, JournalEntryDto>();
    }
}

public static class TaskMappingExtensions
{
    public static TaskDto ToTaskDto(this IMapper mapper, RequestTask task, TaskMappingContext context) =>
        mapper.Map<TaskDto>(task, options => options.Items[TaskMappingContext.ItemKey] = context);
}
