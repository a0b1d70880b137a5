using System.Collections.Concurrent;
using Bpm.Engine.Stores;

namespace Bpm.Scheduling.Tests;

/// <summary>Records every timer the job hands over and completes <see cref="FirstResume"/> on the first one.</summary>
internal sealed class CountingResumer : IBookmarkResumer
{
    private readonly TaskCompletionSource<(string BookmarkId, string WorkflowInstanceId)> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(string BookmarkId, string WorkflowInstanceId)> Resumed { get; } = new();

    public Task<(string BookmarkId, string WorkflowInstanceId)> FirstResume => _first.Task;

    public Task ResumeTimerAsync(string bookmarkId, string workflowInstanceId, CancellationToken cancellationToken)
    {
        Resumed.Enqueue((bookmarkId, workflowInstanceId));
        _first.TrySetResult((bookmarkId, workflowInstanceId));
        return Task.CompletedTask;
    }
}
