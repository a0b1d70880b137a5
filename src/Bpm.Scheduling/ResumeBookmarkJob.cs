using Bpm.Engine.Stores;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bpm.Scheduling;

/// <summary>
/// The one durable job every timer trigger points at (<c>bpm-timers/resume-bookmark</c>); each trigger carries its
/// bookmark and instance ids. It hands the fired timer to <see cref="IBookmarkResumer"/>, which the host must register.
/// </summary>
public sealed partial class ResumeBookmarkJob(IBookmarkResumer resumer, ILogger<ResumeBookmarkJob> logger) : IJob
{
    public const string Group = "bpm-timers";
    public const string BookmarkIdKey = "bookmarkId";
    public const string WorkflowInstanceIdKey = "instanceId";

    public static readonly JobKey Key = new("resume-bookmark", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var bookmarkId = Read(data, BookmarkIdKey);
        var instanceId = Read(data, WorkflowInstanceIdKey);
        if (bookmarkId is null || instanceId is null)
        {
            LogMissingData(logger, context.Trigger.Key.ToString());
            return;
        }

        LogFired(logger, bookmarkId, instanceId, context.ScheduledFireTimeUtc);
        await resumer.ResumeTimerAsync(bookmarkId, instanceId, cancellationToken);
    }

    private static string? Read(JobDataMap data, string key) => data.TryGetValue(key, out var value) ? value as string : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer of bookmark {BookmarkId} (instance {WorkflowInstanceId}) fired; it was due at {DueAt}")]
    private static partial void LogFired(ILogger logger, string bookmarkId, string workflowInstanceId, DateTimeOffset? dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer trigger {TriggerKey} carries no bookmark or instance id; nothing resumed")]
    private static partial void LogMissingData(ILogger logger, string triggerKey);
}
