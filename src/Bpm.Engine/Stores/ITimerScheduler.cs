namespace Bpm.Engine.Stores;

/// <summary>
/// Asks the host to resume a timer bookmark (Delay, Timer) at an instant. Idempotent by bookmark id:
/// scheduling the same bookmark twice keeps one timer; cancelling an unknown one does nothing.
/// </summary>
public interface ITimerScheduler
{
    Task ScheduleAsync(string bookmarkId, string workflowInstanceId, DateTimeOffset resumeAt, CancellationToken cancellationToken);
    Task CancelAsync(string bookmarkId, CancellationToken cancellationToken);
}

/// <summary>A timer the in-memory scheduler holds.</summary>
public sealed record ScheduledTimer(string BookmarkId, string WorkflowInstanceId, DateTimeOffset ResumeAt);
