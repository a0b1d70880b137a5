namespace Bpm.Engine.Stores;

/// <summary>
/// What a host calls when a timer that <see cref="ITimerScheduler"/> scheduled falls due: resume that bookmark of that
/// workflow instance. An implementation must be idempotent: a bookmark already consumed (or an instance gone) is a
/// no-op, because a timer can fire again after a crash. Bpm.Application's due-timer processor calls it when the timer row
/// the host's <see cref="ITimerScheduler"/> wrote comes due (fired by Bpm.Scheduling's Quartz job); the implementation
/// belongs to the layer that can lock, load, run and persist an instance (Bpm.Application: WorkflowTimerResumer).
/// </summary>
public interface IBookmarkResumer
{
    Task ResumeTimerAsync(string bookmarkId, string workflowInstanceId, CancellationToken cancellationToken);
}
