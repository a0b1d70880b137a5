using System.Collections.Concurrent;
using Bpm.Engine.Stores;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// Stands in for the workflow runner: records every bookmark timer applied, in the order applied, with the node that
/// applied it. One instance can be shared by several nodes (a restart, a cluster) to see the order across them.
/// </summary>
internal sealed class CountingResumer
{
    private readonly ConcurrentQueue<(string BookmarkId, string Node)> _resumed = new();
    private readonly ConcurrentDictionary<string, bool> _failOnce = new();

    public IReadOnlyList<(string BookmarkId, string Node)> Resumed => [.. _resumed];

    public int Count => _resumed.Count;

    /// <summary>How many resumes threw because of <see cref="FailOnce"/>.</summary>
    public int Failures { get; private set; }

    /// <summary>The first resume of this bookmark throws (its whole batch rolls back), as a workflow with a bug would.</summary>
    public void FailOnce(string bookmarkId) => _failOnce[bookmarkId] = true;

    /// <summary>The resumer one node registers: it records under that node's name.</summary>
    public IBookmarkResumer For(string node) => new NodeResumer(this, node);

    /// <summary>Polls (every 50 ms, at most <paramref name="timeout"/>) until at least <paramref name="count"/> were applied.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (_resumed.Count < count)
        {
            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"{_resumed.Count} of {count} timers applied within {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    private sealed class NodeResumer(CountingResumer owner, string node) : IBookmarkResumer
    {
        public Task ResumeTimerAsync(string bookmarkId, string workflowInstanceId, CancellationToken cancellationToken)
        {
            if (owner._failOnce.TryRemove(bookmarkId, out _))
            {
                owner.Failures++;
                throw new InvalidOperationException($"resuming {bookmarkId} failed (test)");
            }

            owner._resumed.Enqueue((bookmarkId, node));
            return Task.CompletedTask;
        }
    }
}
