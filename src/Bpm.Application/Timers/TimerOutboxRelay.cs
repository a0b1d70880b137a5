namespace Bpm.Application.Timers;

/// <summary>
/// Hands the outbox to the scheduler: every pending timer the scheduler does not hold yet gets a trigger at its instant
/// (one per distinct instant), and is then marked handed over. Run after commits, at start-up and periodically; after a
/// crash between the two steps the timers are handed again, which the scheduler ignores (idempotent by instant).
/// <para>
/// A safety net for timers whose trigger is gone (its run failed and the retry could not be stored, or the scheduler's
/// tables were restored from an older backup): when the earliest pending timer is more than <see cref="StrandedAfter"/>
/// overdue, a trigger is ensured at the current minute, so they are applied within a minute or two whatever happened.
/// Example: a red escalation due 16:00:00 still pending at 16:01:30 → a trigger at 16:01:00, which fires at once.
/// </para>
/// </summary>
public sealed class TimerOutboxRelay(IDueTimerStore timers, IDueInstantScheduler scheduler, TimeProvider time)
{
    public const int BatchSize = 1000;

    public static readonly TimeSpan StrandedAfter = TimeSpan.FromMinutes(1);

    /// <summary>Returns how many timers were handed over.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await timers.ListNotHandedOverAsync(BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                await RescueStrandedAsync(cancellationToken);
                return total;
            }

            await scheduler.EnsureTriggersAsync([.. batch.Select(t => t.DueAt).Distinct()], cancellationToken);
            await timers.MarkHandedOverAsync([.. batch.Select(t => t.Id)], cancellationToken);
            total += batch.Count;
        }
    }

    private async Task RescueStrandedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await timers.NextPendingDueAtAsync(cancellationToken) is { } earliest && earliest <= now - StrandedAfter)
        {
            var minute = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            await scheduler.EnsureTriggersAsync([minute], cancellationToken);
        }
    }
}
