using Bpm.Domain.Timers;
using Bpm.Engine.Stores;

namespace Bpm.Application.Timers;

/// <summary>
/// The engine's <see cref="ITimerScheduler"/> for workflow timers (Delay, Timer activities): a timer row in the outbox,
/// written in the run's transaction, fired by the same machinery as SLA timers. Scheduling a bookmark again replaces its
/// pending timer; cancelling an unknown bookmark does nothing.
/// </summary>
public sealed class OutboxTimerScheduler(IDueTimerStore timers, TimeProvider time) : ITimerScheduler
{
    public async Task ScheduleAsync(string bookmarkId, string workflowInstanceId, DateTimeOffset resumeAt, CancellationToken cancellationToken)
    {
        await CancelAsync(bookmarkId, cancellationToken);
        var now = time.GetUtcNow();
        await timers.AddAsync([DueTimer.ForBookmark(Guid.CreateVersion7(now), bookmarkId, workflowInstanceId, resumeAt, now)], cancellationToken);
    }

    public async Task CancelAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        if (await timers.FindPendingForBookmarkAsync(bookmarkId, cancellationToken) is { } pending)
        {
            pending.Cancel(time.GetUtcNow());
            await timers.UpdateAsync([pending], cancellationToken);
        }
    }
}
