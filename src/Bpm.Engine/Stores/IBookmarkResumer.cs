namespace Bpm.Engine.Stores;

/// <summary>
/// What a host calls when a timer that <see cref="ITimerScheduler"/> scheduled falls due: resume that bookmark of that
/// workflow instance. An implementation must be idempotent: a bookmark already consumed (or an instance gone) is a
/// no-op, because a timer can fire again after a crash. Bpm.Scheduling's Quartz job calls it; the implementation belongs
/// to the layer that can lock, load, run and persist an instance (Bpm.Application). None exists yet (issue 4).
/// </summary>
public interface IBookmarkResumer
{
    Task ResumeTimerAsync(string bookmarkId, string workflowInstanceId, CancellationToken cancellationToken);
}
