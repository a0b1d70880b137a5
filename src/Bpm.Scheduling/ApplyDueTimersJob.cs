using Bpm.Application.Timers;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bpm.Scheduling;

/// <summary>
/// The one durable job every due-instant trigger points at (<c>bpm-due.apply-due-timers</c>): it applies every pending
/// timer due by the instant it fired for (<see cref="DueTimerProcessor"/>). Runs never overlap, on one node or across a
/// cluster, so the triggers a restarted scheduler finds overdue (misfire: fire now) run one after another, and the
/// first of them applies everything overdue in due order; the rest find nothing left.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ApplyDueTimersJob(
    DueTimerProcessor processor, IDueInstantScheduler instants, SchedulingOptions options, TimeProvider time, ILogger<ApplyDueTimersJob> logger) : IJob
{
    public const string Group = "bpm-due";

    public static readonly JobKey Key = new("apply-due-timers", Group);

    /// <summary>Durable: it stays stored while no trigger points at it.</summary>
    public static IJobDetail Detail { get; } = JobBuilder.Create<ApplyDueTimersJob>().WithIdentity(Key).StoreDurably().Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A trigger for 16:00:00 may fire a few milliseconds early (another node's clock): it still covers 16:00:00.
        var now = time.GetUtcNow();
        var upTo = context.ScheduledFireTimeUtc is { } scheduled && scheduled > now ? scheduled : now;
        int applied;
        try
        {
            applied = await processor.ApplyDueAsync(upTo, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // This trigger is spent; a new one a minute on (RetryDelay) tries again whatever is still due by then. Should
            // even that fail (the database is gone), Quartz logs it and the timers wait for the next instant or restart.
            var retryAt = time.GetUtcNow() + options.RetryDelay;
            LogFailed(logger, ex, upTo, retryAt);
            await instants.EnsureTriggersAsync([retryAt], cancellationToken);
            return;
        }

        LogApplied(logger, applied, upTo, context.Trigger.Key.Name);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying the timers due by {UpTo} failed; trying again at {RetryAt}")]
    private static partial void LogFailed(ILogger logger, Exception exception, DateTimeOffset upTo, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} due timer(s) applied or skipped up to {UpTo} (trigger {TriggerName})")]
    private static partial void LogApplied(ILogger logger, int count, DateTimeOffset upTo, string triggerName);
}
