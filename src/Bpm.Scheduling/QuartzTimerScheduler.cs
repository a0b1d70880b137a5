using Bpm.Engine.Stores;
using Quartz;

namespace Bpm.Scheduling;

/// <summary>
/// <see cref="ITimerScheduler"/> on Quartz: one one-shot trigger per bookmark, named by the bookmark id, for the durable
/// <see cref="ResumeBookmarkJob"/>. Scheduling a bookmark again replaces its trigger (new instant); cancelling an unknown
/// bookmark does nothing. A trigger missed while no scheduler ran fires as soon as one starts (misfire: fire now).
/// </summary>
public sealed class QuartzTimerScheduler(ISchedulerFactory schedulers) : ITimerScheduler
{
    public static TriggerKey TriggerKeyOf(string bookmarkId) => new(bookmarkId, ResumeBookmarkJob.Group);

    public async Task ScheduleAsync(string bookmarkId, string workflowInstanceId, DateTimeOffset resumeAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bookmarkId);
        ArgumentException.ThrowIfNullOrEmpty(workflowInstanceId);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKeyOf(bookmarkId))
            .ForJob(ResumeBookmarkJob.Key)
            .StartAt(resumeAt)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .UsingJobData(ResumeBookmarkJob.BookmarkIdKey, bookmarkId)
            .UsingJobData(ResumeBookmarkJob.WorkflowInstanceIdKey, workflowInstanceId)
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    public async Task CancelAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bookmarkId);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(TriggerKeyOf(bookmarkId), cancellationToken);
    }
}
