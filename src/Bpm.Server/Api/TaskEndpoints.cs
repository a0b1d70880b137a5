using AutoMapper;
using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/tasks</c>: the inbox (my tasks and my unit's unclaimed ones, least working time left first) and what a
/// handler does to a task: claim, complete with an outcome and its form data, transfer to another unit.
/// A stale second completion answers 409 and changes nothing.
/// </summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", InboxAsync).WithName("Inbox").ProducesValidationProblem().WithSummary("My tasks and my unit's unclaimed ones, the least working time left first");
        tasks.MapGet("/{id:guid}", GetAsync).WithName("GetTask");
        tasks.MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask");
        tasks.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask").ProducesValidationProblem();
        tasks.MapPost("/{id:guid}/transfer", TransferAsync).WithName("TransferTask").ProducesValidationProblem();
        tasks.MapPost("/{id:guid}/pause", PauseAsync).WithName("PauseTaskSla").ProducesValidationProblem()
            .WithSummary("Stops the task's SLA clock with a reason (waiting for the taxpayer's documents); no escalation fires while paused");
        tasks.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeTaskSla")
            .WithSummary("Restarts the SLA clock: the paused working days are added to the deadline, audited");
        return api;
    }

    /// <summary>400 names each malformed filter (<c>type</c>, <c>channel</c>, <c>status</c>, <c>overdue</c>, <c>q</c>, paging).</summary>
    public static async Task<Ok<TaskPageDto>> InboxAsync(
        [AsParameters] InboxListQuery query, ICurrentUser user, IBureauStore bureaus, IRequestTaskStore tasks, ITaxpayerRequestStore requests,
        IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var now = time.GetUtcNow();
        var found = await tasks.InboxAsync(query.ToQuery(user, BureauScope.Below(tree, user.BureauId).BureauIds, now), cancellationToken);
        var context = await ContextAsync(tree, found.Items, bureaus, requests, now, cancellationToken);
        return TypedResults.Ok(new TaskPageDto([.. found.Items.Select(t => mapper.ToTaskDto(t, context))], found.TotalCount, found.Page, found.PageSize, found.TotalIsLowerBound));
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> GetAsync(
        Guid id, ICurrentUser user, IBureauStore bureaus, IRequestTaskStore tasks, IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        if (await tasks.FindWithRequestAsync(id, cancellationToken) is not { } found || !BureauScope.Below(tree, user.BureauId).Contains(found.Task.BureauId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "任务不存在 (no such task)", detail: $"id {id}");
        }

        var request = found.Request is { } read ? new Dictionary<Guid, TaxpayerRequest> { [read.Id] = read } : [];
        return TypedResults.Ok(mapper.ToTaskDto(found.Task, await ContextAsync(tree, [found.Task], bureaus, request, time.GetUtcNow(), cancellationToken)));
    }

    public static async Task<Ok<TaskDto>> ClaimAsync(
        Guid id, ICurrentUser user, IUnitOfWork unitOfWork, RequestWorkflowService workflows, IBureauStore bureaus, ITaxpayerRequestStore requests,
        IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        var task = await unitOfWork.InTransactionAsync(ct => workflows.ClaimTaskAsync(id, user, ct), cancellationToken);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        return TypedResults.Ok(mapper.ToTaskDto(task, await ContextAsync(tree, [task], bureaus, requests, time.GetUtcNow(), cancellationToken)));
    }

    /// <summary>200 with the completed task, the request and the tasks now open; 400 names the refused field; 409 if someone was first.</summary>
    public static async Task<Ok<TaskCompletionDto>> CompleteAsync(
        Guid id, CompleteTaskBody body, ICurrentUser user, IUnitOfWork unitOfWork, RequestWorkflowService workflows, IBureauStore bureaus,
        IRequestTaskStore tasks, ITaxpayerRequestStore requests, IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Outcome))
        {
            throw new DomainValidationException([new FieldError("outcome", "请选择办理结果 (outcome is required)")]);
        }

        // The task and its request as the completion saved them (not read back); the open tasks are read, since a parallel
        // branch's task opened earlier is open too.
        var (task, request, tree) = await unitOfWork.InOneWriteAsync(ct => workflows.CompleteTaskAsync(id, user, body.Outcome.Trim(), body.Data, ct), cancellationToken);
        var open = (await tasks.ListByRequestAsync(task.RequestId, cancellationToken)).Where(t => t.Status == RequestTaskStatus.Open).ToList();
        var context = await ContextAsync(tree, [task, .. open], bureaus, new Dictionary<Guid, TaxpayerRequest> { [request.Id] = request }, time.GetUtcNow(), cancellationToken);
        var requestDto = mapper.ToRequestDto(request, new RequestMappingContext(tree, context.Units));
        return TypedResults.Ok(new TaskCompletionDto(mapper.ToTaskDto(task, context), requestDto, [.. open.Select(t => mapper.ToTaskDto(t, context))]));
    }

    public static async Task<Ok<TaskDto>> TransferAsync(
        Guid id, TransferTaskBody body, ICurrentUser user, IUnitOfWork unitOfWork, RequestWorkflowService workflows, IBureauStore bureaus,
        ITaxpayerRequestStore requests, IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Unit is null)
        {
            throw new DomainValidationException([new FieldError("unit", "请选择转办单位 (unit is required)")]);
        }

        var task = await unitOfWork.InTransactionAsync(ct => workflows.TransferTaskAsync(id, user, body.Unit.Value, body.Reason ?? "", ct), cancellationToken);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        return TypedResults.Ok(mapper.ToTaskDto(task, await ContextAsync(tree, [task], bureaus, requests, time.GetUtcNow(), cancellationToken)));
    }

    public static async Task<Ok<TaskDto>> PauseAsync(
        Guid id, PauseTaskBody body, ICurrentUser user, TaskDeadlineService deadlines, IBureauStore bureaus, ITaxpayerRequestStore requests,
        IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            throw new DomainValidationException([new FieldError("reason", "暂停计时须说明原因 (reason is required)")]);
        }

        var task = await deadlines.PauseAsync(id, user, body.Reason, cancellationToken);
        return TypedResults.Ok(mapper.ToTaskDto(task, await ContextAsync(await bureaus.LoadTreeAsync(cancellationToken), [task], bureaus, requests, time.GetUtcNow(), cancellationToken)));
    }

    public static async Task<Ok<TaskDto>> ResumeAsync(
        Guid id, ICurrentUser user, TaskDeadlineService deadlines, IBureauStore bureaus, ITaxpayerRequestStore requests,
        IMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        var task = await deadlines.ResumeAsync(id, user, cancellationToken);
        return TypedResults.Ok(mapper.ToTaskDto(task, await ContextAsync(await bureaus.LoadTreeAsync(cancellationToken), [task], bureaus, requests, time.GetUtcNow(), cancellationToken)));
    }

    internal static async Task<TaskMappingContext> ContextAsync(
        BureauTree tree, IReadOnlyCollection<RequestTask> tasks, IBureauStore bureaus, ITaxpayerRequestStore requests, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byId = (await requests.FindManyAsync([.. tasks.Select(t => t.RequestId).Distinct()], cancellationToken)).ToDictionary(r => r.Id);
        return await ContextAsync(tree, tasks, bureaus, byId, now, cancellationToken);
    }

    /// <summary>The mapping context when the tasks' requests are at hand (<paramref name="requests"/> by id).</summary>
    private static async Task<TaskMappingContext> ContextAsync(
        BureauTree tree, IReadOnlyCollection<RequestTask> tasks, IBureauStore bureaus, IReadOnlyDictionary<Guid, TaxpayerRequest> requests, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var units = new Dictionary<Guid, Unit>();
        foreach (var bureauId in tasks.Select(t => t.BureauId).Distinct())
        {
            foreach (var unit in await bureaus.AroundAsync(tree, bureauId, cancellationToken))
            {
                units[unit.Id] = unit;
            }
        }

        return new TaskMappingContext(tree, units, requests, now);
    }
}
