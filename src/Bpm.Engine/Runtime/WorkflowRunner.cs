using System.Text.Json.Nodes;
using Bpm.Engine.Activities;

namespace Bpm.Engine.Runtime;

/// <summary>
/// Runs a compiled flowchart until every path waits on a bookmark or has ended. Pure: it reads and
/// writes no storage; it takes a state and returns a new one (the given state is never modified), with the
/// journal and the bookmarks made and removed. Activities are created per execution through DI.
/// </summary>
public sealed class WorkflowRunner(IServiceProvider services, TimeProvider timeProvider, IIdGenerator ids)
{
    /// <summary>Steps in one run before the instance is faulted as a runaway loop.</summary>
    public int MaxStepsPerRun { get; init; } = 10_000;

    public async Task<WorkflowExecutionResult> StartAsync(WorkflowGraph graph, string instanceId, JsonObject? input, CancellationToken cancellationToken)
    {
        EnsureValid(graph);
        var now = timeProvider.GetUtcNow();
        var state = new WorkflowState
        {
            InstanceId = instanceId,
            DefinitionId = graph.Definition.DefinitionId,
            DefinitionVersionId = graph.Definition.Id,
            DefinitionVersion = graph.Definition.Version,
            Input = (JsonObject?)input?.DeepClone() ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        var execution = new FlowchartExecution(graph, state, [], services, timeProvider, ids, cancellationToken);
        execution.Initialize();
        if (graph.StartActivityId is { } startId)
        {
            execution.Schedule(startId);
        }

        await execution.RunAsync(MaxStepsPerRun);
        return execution.Result();
    }

    /// <summary>
    /// Resumes the activity waiting on <paramref name="bookmarkId"/> with <paramref name="resumeInput"/>, then runs
    /// on. Throws <see cref="BookmarkNotFoundException"/> or <see cref="WorkflowFinishedException"/>; a refused input
    /// (<see cref="ResumeRejectedException"/>) gives a result with <see cref="WorkflowExecutionResult.RejectionReason"/>.
    /// </summary>
    public async Task<WorkflowExecutionResult> ResumeAsync(WorkflowGraph graph, WorkflowState state, string bookmarkId, JsonNode? resumeInput, CancellationToken cancellationToken)
    {
        EnsureValid(graph);
        if (state.Status == WorkflowStatus.Finished)
        {
            throw new WorkflowFinishedException(state.InstanceId, state.SubStatus);
        }

        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)
            ?? throw new BookmarkNotFoundException(state.InstanceId, bookmarkId);
        if (!graph.Nodes.ContainsKey(bookmark.ActivityId))
        {
            throw new InvalidOperationException(
                $"Bookmark '{bookmarkId}' belongs to activity '{bookmark.ActivityId}', which is not in definition version '{graph.Definition.Id}'.");
        }

        var working = state.Clone();
        working.SubStatus = WorkflowSubStatus.Executing;
        var execution = new FlowchartExecution(graph, working, state.Bookmarks, services, timeProvider, ids, cancellationToken);
        try
        {
            await execution.ResumeAsync(working.Bookmarks.First(b => b.Id == bookmarkId), resumeInput);
        }
        catch (ResumeRejectedException rejected)
        {
            return new WorkflowExecutionResult { State = state.Clone(), RejectionReason = rejected.Message, Rejection = rejected };
        }

        await execution.RunAsync(MaxStepsPerRun);
        return execution.Result();
    }

    /// <summary>
    /// Cancels a running instance (Finished/Cancelled): its waiting activities are journalled Cancelled and all its bookmarks
    /// (tasks, timers) come back as removed, for the host to close. The given state is not modified.
    /// </summary>
    /// <exception cref="WorkflowFinishedException">the instance has already finished.</exception>
    public WorkflowExecutionResult Cancel(WorkflowGraph graph, WorkflowState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == WorkflowStatus.Finished)
        {
            throw new WorkflowFinishedException(state.InstanceId, state.SubStatus);
        }

        var working = state.Clone();
        var execution = new FlowchartExecution(graph, working, state.Bookmarks, services, timeProvider, ids, cancellationToken);
        execution.CancelInstance();
        return execution.Result();
    }

    private static void EnsureValid(WorkflowGraph graph)
    {
        if (!graph.IsValid)
        {
            throw new InvalidWorkflowException(graph.Errors);
        }
    }
}
