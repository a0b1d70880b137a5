using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Requests.Duplicates;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Application.Users;
using Bpm.Application.Workflows.Activities;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Application.Workflows;

/// <summary>
/// Runs a request's workflow: start it on the published version of its type's definition, and resume it when
/// someone completes a task. Each run is: load → execute (pure) → persist request, instance, bookmarks, tasks,
/// journal and timers — inside the caller's unit of work, so all of it commits together or not at all.
/// </summary>
public sealed class RequestWorkflowService(
    IWorkflowDefinitionStore definitions,
    IWorkflowInstanceStore instances,
    IBookmarkStore bookmarks,
    IRequestTaskStore tasks,
    IWorkflowJournalStore journal,
    ITaxpayerRequestStore requests,
    IBureauStore bureaus,
    ITimerScheduler timers,
    SlaTimerPlanner slaTimers,
    IDeadlineChangeStore deadlineChanges,
    WorkflowGraphCache graphs,
    WorkflowRunner runner,
    RequestWorkflowContext context,
    TaskAccess access,
    MergedFeedback mergedFeedback,
    TimeProvider time)
{
    /// <summary>
    /// What starting a request of this type runs: the published version of its workflow and the compiled graph. It only
    /// reads, so a registration finds it before its unit of work (<see cref="StartAsync"/> runs inside it).
    /// </summary>
    /// <exception cref="DomainException">the type's workflow has no published version (field <c>type</c>).</exception>
    public async Task<WorkflowStart> FindStartAsync(RequestType type, CancellationToken cancellationToken)
    {
        var definitionId = type.WorkflowDefinitionId();
        var published = await definitions.FindPublishedVersionAsync(definitionId, cancellationToken)
            ?? throw new DomainException("workflow.not-published", $"流程“{definitionId}”没有已发布的版本，无法受理{type.ChineseName()}诉求", "type");
        var graph = await graphs.ForVersionAsync(published.Id, () => definitions.FindByVersionIdAsync(published.Id, cancellationToken));
        return new WorkflowStart(type, published, graph);
    }

    /// <summary>Starts the workflow of a just-registered request on <paramref name="start"/>; it runs until its first task waits.</summary>
    public async Task<WorkflowRunWrites> StartAsync(TaxpayerRequest request, BureauTree tree, WorkflowStart start, Guid? actorUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(start);
        if (start.Type != request.Type)
        {
            throw new ArgumentException($"a {start.Type} workflow cannot start a {request.Type} request", nameof(start));
        }

        context.Load(request, tree, await bureaus.AroundAsync(tree, request.BureauId, cancellationToken), actorUserId);
        var instanceId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        request.AttachWorkflow(start.Published.DefinitionId, start.Published.Version, instanceId);
        var input = new JsonObject { [WorkflowVariables.RequestId] = request.Id.ToString(), ["requestNumber"] = request.Number };
        var result = await runner.StartAsync(start.Graph, instanceId, input, cancellationToken);
        return await PersistAsync(request, start.Graph, result, resumedBookmarkId: null, actorUserId, cancellationToken, started: true);
    }

    /// <summary>
    /// Completes a task with an outcome and its form data, and runs the workflow on to the next wait. Refused
    /// input (unknown outcome, missing field, an extension over the cap) changes nothing.
    /// </summary>
    /// <exception cref="NotFoundException">no such task in the user's bureau subtree.</exception>
    /// <exception cref="AccessDeniedException">the user is not of the task's unit and role, and has not claimed it.</exception>
    /// <exception cref="DomainConflictException">the task is already completed or claimed by someone else.</exception>
    /// <exception cref="DomainValidationException">the outcome or the form data was refused.</exception>
    public async Task<TaskCompletion> CompleteTaskAsync(Guid taskId, ICurrentUser user, string outcome, JsonObject? data, CancellationToken cancellationToken)
    {
        var (task, tree) = await access.ForActionAsync(taskId, user, cancellationToken);
        if (task.ActivityType == MergedFeedback.ActivityType)
        {
            return new TaskCompletion(task, await mergedFeedback.CompleteAsync(task, user, outcome, data, cancellationToken), tree);
        }

        var now = time.GetUtcNow();
        task.Complete(user.UserId, outcome, data?.ToJsonString(), now);

        var request = await requests.FindAsync(task.RequestId, cancellationToken)
            ?? throw new NotFoundException($"诉求 {task.RequestId} 不存在");
        request.RecordCompletedTask(task.SlaStep, outcome, task.DueAt, now);
        var state = await instances.FindAsync(task.WorkflowInstanceId, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow instance {task.WorkflowInstanceId} of task {task.Id} is missing.");
        var graph = await graphs.ForVersionAsync(state.DefinitionVersionId, () => definitions.FindByVersionIdAsync(state.DefinitionVersionId, cancellationToken));
        context.Load(request, tree, await bureaus.AroundAsync(tree, request.BureauId, cancellationToken), user.UserId);

        var input = new JsonObject { ["outcome"] = outcome, ["data"] = data?.DeepClone(), ["userId"] = user.UserId.ToString() };
        WorkflowExecutionResult result;
        try
        {
            result = await runner.ResumeAsync(graph, state, task.BookmarkId, input, cancellationToken);
        }
        catch (BookmarkNotFoundException)
        {
            // Two completions of one task at once: this one read the task while it was open, but the workflow after the
            // other had committed (its bookmark consumed). The loser gets 409, like a stale version, never a second step.
            throw new ConcurrencyConflictException($"任务 {task.Id} 已被他人办理");
        }

        if (result.Rejection is TaskInputRejectedException rejected)
        {
            throw new DomainValidationException(rejected.Errors);
        }

        if (result.IsRejected)
        {
            throw new DomainValidationException([new FieldError("outcome", result.RejectionReason!)]);
        }

        await tasks.UpdateAsync(task, cancellationToken);
        await slaTimers.CancelAsync([task.Id], cancellationToken);
        await PersistAsync(request, graph, result, task.BookmarkId, user.UserId, cancellationToken);
        return new TaskCompletion(task, request, tree);
    }

    /// <summary>
    /// A workflow timer (Delay, Timer) fell due: resume its bookmark. Does nothing when the instance is gone or the bookmark
    /// was already consumed, so a timer that fires again after a crash changes nothing. Runs in the caller's transaction.
    /// </summary>
    public async Task<bool> ResumeTimerAsync(string bookmarkId, string instanceId, CancellationToken cancellationToken)
    {
        var state = await instances.FindAsync(instanceId, cancellationToken);
        if (state is null || state.Bookmarks.All(b => b.Id != bookmarkId)
            || state.Input[WorkflowVariables.RequestId]?.GetValue<string>() is not { } requestText
            || await requests.FindAsync(Guid.Parse(requestText), cancellationToken) is not { } request)
        {
            return false;
        }

        var graph = await graphs.ForVersionAsync(state.DefinitionVersionId, () => definitions.FindByVersionIdAsync(state.DefinitionVersionId, cancellationToken));
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        context.Load(request, tree, await bureaus.AroundAsync(tree, request.BureauId, cancellationToken), null);
        var result = await runner.ResumeAsync(graph, state, bookmarkId, null, cancellationToken);
        if (result.IsRejected)
        {
            return false;
        }

        await PersistAsync(request, graph, result, bookmarkId, null, cancellationToken);
        return true;
    }

    /// <summary>
    /// Stops the request's workflow for good (e.g. the request was merged into another): its open tasks are cancelled with
    /// their timers, its workflow timers too, and the journal records each cancelled activity with <paramref name="reason"/>.
    /// Saves the request as it is now. Runs in the caller's transaction.
    /// </summary>
    public async Task CancelAsync(TaxpayerRequest request, BureauTree tree, Guid? actorUserId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.WorkflowInstanceId is not { } instanceId
            || await instances.FindAsync(instanceId, cancellationToken) is not { Status: WorkflowStatus.Running } state)
        {
            await requests.UpdateAsync(request, cancellationToken);
            return;
        }

        var graph = await graphs.ForVersionAsync(state.DefinitionVersionId, () => definitions.FindByVersionIdAsync(state.DefinitionVersionId, cancellationToken));
        context.Load(request, tree, await bureaus.AroundAsync(tree, request.BureauId, cancellationToken), actorUserId);
        var result = runner.Cancel(graph, state, cancellationToken);
        await PersistAsync(request, graph, result, resumedBookmarkId: null, actorUserId, cancellationToken, reason);
    }

    /// <summary>Takes an open task of one's unit, so colleagues see it is being handled.</summary>
    public async Task<RequestTask> ClaimTaskAsync(Guid taskId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (task, _) = await access.ForActionAsync(taskId, user, cancellationToken);
        task.Claim(user.UserId, time.GetUtcNow());
        await tasks.UpdateAsync(task, cancellationToken);
        return task;
    }

    /// <summary>
    /// 转办: moves an open task to another unit of the request's bureau, its ancestors or its sub-bureaus, with a
    /// reason that goes into the journal.
    /// </summary>
    public async Task<RequestTask> TransferTaskAsync(Guid taskId, ICurrentUser user, Guid unitId, string reason, CancellationToken cancellationToken)
    {
        var (task, tree) = await access.ForActionAsync(taskId, user, cancellationToken);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            errors.Add(new FieldError("reason", "转办须说明原因（不超过1000个字符）"));
        }

        var units = await bureaus.AroundAsync(tree, task.BureauId, cancellationToken);
        var target = units.FirstOrDefault(u => u.Id == unitId);
        if (target is null)
        {
            errors.Add(new FieldError("unit", "目标单位不存在或不在本诉求的机构范围内"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var now = time.GetUtcNow();
        task.TransferTo(unitId);
        await tasks.UpdateAsync(task, cancellationToken);

        // The entry names the waiting activity execution and its node, as the engine's entries do, so the designer's
        // instance viewer shows the 转办 under the task's activity.
        var waiting = (await bookmarks.FindAsync(task.BookmarkId, cancellationToken))?.Bookmark;
        await journal.AppendAsync(
            [new WorkflowJournalEntry(task.RequestId, task.WorkflowInstanceId, waiting?.ActivityInstanceId ?? task.BookmarkId, task.ActivityId,
                waiting?.ActivityNodeId ?? task.ActivityId, task.ActivityType, task.Title, "Transferred", [], now, now, user.UserId,
                $"转办至{target!.Name}：{reason.Trim()}")],
            cancellationToken);
        return task;
    }

    /// <summary>
    /// Deadlines the run moved (an approved extension) become audited changes of the task of that step it opened, e.g. the
    /// handling task re-opened after the approval; of the request's latest task of the step when none opened.
    /// </summary>
    private async Task<IReadOnlyList<DeadlineChange>> AuditDeadlineChangesAsync(
        TaxpayerRequest request, List<RequestTask> opened, Guid? actorUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (context.DeadlineChanges.Count == 0)
        {
            return [];
        }

        var earlier = await tasks.ListByRequestAsync(request.Id, cancellationToken);
        List<DeadlineChange> changes = [.. context.DeadlineChanges.Select(change => new DeadlineChange(
            Guid.CreateVersion7(now), request.Id,
            (opened.FirstOrDefault(t => t.SlaStep == change.Step) ?? earlier.LastOrDefault(t => t.SlaStep == change.Step))?.Id,
            change.Step, change.OldDueDate, change.OldDueAt, change.NewDueDate, change.NewDueAt, change.Cause, change.Reason, actorUserId, now))];
        await deadlineChanges.AddAsync(changes, cancellationToken);
        return changes;
    }

    /// <summary>Writes the run; returns what it wrote for the request (its answer is built from that, not read back).</summary>
    private async Task<WorkflowRunWrites> PersistAsync(
        TaxpayerRequest request, WorkflowGraph graph, WorkflowExecutionResult result, string? resumedBookmarkId, Guid? actorUserId, CancellationToken cancellationToken,
        string? journalMessage = null, bool started = false)
    {
        var now = time.GetUtcNow();
        await requests.UpdateAsync(request, cancellationToken);

        // A run that started the instance writes it as a new row: it cannot exist yet. The run's bookmarks are new rows in any
        // run: the engine reports as created only ids the instance did not hold before, each a fresh random id.
        await (started ? instances.AddAsync(result.State, cancellationToken) : instances.SaveAsync(result.State, cancellationToken));
        if (result.CreatedBookmarks.Count > 0)
        {
            await bookmarks.AddAsync(result.State.InstanceId, result.CreatedBookmarks, cancellationToken);
        }

        if (result.RemovedBookmarks.Count > 0)
        {
            await bookmarks.RemoveAsync([.. result.RemovedBookmarks.Select(b => b.Id)], cancellationToken);
        }

        var opened = new List<RequestTask>();
        var planned = new List<DueTimer>();
        foreach (var bookmark in result.CreatedBookmarks.Where(b => b.Name == TaskBookmark.Name))
        {
            var task = new RequestTask(TaskBookmark.ToOpening(bookmark.Payload!, request, result.State.InstanceId, bookmark.Id, bookmark.ActivityId, bookmark.ActivityType, now));
            await tasks.AddAsync(task, cancellationToken);
            planned.AddRange(await slaTimers.PlanOpenedAsync(task, context.Tree, request.Type, cancellationToken));
            opened.Add(task);
        }

        foreach (var feedback in opened.Where(MergedFeedback.IsFeedback))
        {
            await mergedFeedback.OpenForMergedAsync(request, feedback, context.Tree, cancellationToken);
        }

        // Tasks whose bookmark went away without being the one resumed: another path finished the workflow.
        foreach (var bookmark in result.RemovedBookmarks.Where(b => b.Name == TaskBookmark.Name && b.Id != resumedBookmarkId))
        {
            if (await tasks.FindOpenByBookmarkAsync(bookmark.Id, cancellationToken) is { } orphan)
            {
                orphan.Cancel(now);
                await tasks.UpdateAsync(orphan, cancellationToken);
                await slaTimers.CancelAsync([orphan.Id], cancellationToken);
            }
        }

        var changes = await AuditDeadlineChangesAsync(request, opened, actorUserId, now, cancellationToken);

        foreach (var timer in result.TimersToCancel)
        {
            await timers.CancelAsync(timer.Id, cancellationToken);
        }

        foreach (var timer in result.TimersToSchedule)
        {
            await timers.ScheduleAsync(timer.Id, result.State.InstanceId, timer.ResumeAt!.Value, cancellationToken);
        }

        List<WorkflowJournalEntry> entries = [.. result.Journal.Select(record => new WorkflowJournalEntry(
            request.Id, result.State.InstanceId, record.ActivityInstanceId, record.ActivityId, record.ActivityNodeId, record.ActivityType,
            graph.Nodes.TryGetValue(record.ActivityId, out var node) ? node.Activity.Name : null,
            record.Status.ToString(), record.Outcomes, record.StartedAt, record.CompletedAt, actorUserId, record.Message ?? journalMessage))];
        await journal.AppendAsync(entries, cancellationToken);
        return new WorkflowRunWrites(opened, planned, changes, entries);
    }
}

/// <summary>
/// Compiled graphs of published versions by version id: a published version is never edited (saving it makes a
/// new draft), so compiling it once is enough. Drafts are compiled every time.
/// </summary>
public sealed class WorkflowGraphCache(WorkflowGraphCompiler compiler)
{
    private readonly ConcurrentDictionary<string, WorkflowGraph> _graphs = new();

    public WorkflowGraph For(WorkflowDefinition definition) =>
        definition.IsPublished ? _graphs.GetOrAdd(definition.Id, _ => Compile(definition)) : Compile(definition);

    /// <summary>
    /// The graph of the version with this id: the one kept if this node compiled it while it was published (its JSON cannot
    /// change any more: a published version is never edited, and a request workflow cannot be retracted), else read with
    /// <paramref name="load"/> and compiled. A registration asks the store which version is published (one small query, so a
    /// version published on another node is used by the next registration here) and a completion knows its instance's version;
    /// neither reads nor parses the definition's JSON once its graph is kept.
    /// </summary>
    public async Task<WorkflowGraph> ForVersionAsync(string versionId, Func<Task<WorkflowDefinition?>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_graphs.TryGetValue(versionId, out var graph))
        {
            return graph;
        }

        var definition = await load() ?? throw new InvalidOperationException($"Workflow definition version {versionId} is missing.");
        return For(definition);
    }

    /// <summary>
    /// Drops a version's graph when it stops being the published one (a newer version was published, it was retracted or
    /// deleted): new requests start on the store's published version, and instances still on this one compile it afresh.
    /// </summary>
    public void Forget(string versionId) => _graphs.TryRemove(versionId, out _);

    private WorkflowGraph Compile(WorkflowDefinition definition)
    {
        var graph = compiler.Compile(definition);
        return graph.IsValid ? graph : throw new InvalidWorkflowException(graph.Errors);
    }
}

/// <summary>The published version of a request type's workflow and its compiled graph (<see cref="RequestWorkflowService.FindStartAsync"/>).</summary>
public sealed record WorkflowStart(RequestType Type, PublishedVersion Published, WorkflowGraph Graph);
