namespace Bpm.Application.Timers;

/// <summary>
/// Hands the outbox to the scheduler: every pending timer the scheduler does not hold yet gets a trigger at its instant
/// (one per distinct instant), and is then marked handed over. Run after commits, at start-up and periodically; after a
/// crash between the two steps the timers are handed again, which the scheduler ignores (idempotent by instant).
/// </summary>
public sealed class TimerOutboxRelay(IDueTimerStore timers, IDueInstantScheduler scheduler)
{
    public const int BatchSize = 1000;

    /// <summary>Returns how many timers were handed over.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await timers.ListNotHandedOverAsync(BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            await scheduler.EnsureTriggersAsync([.. batch.Select(t => t.DueAt).Distinct()], cancellationToken);
            await timers.MarkHandedOverAsync([.. batch.Select(t => t.Id)], cancellationToken);
            total += batch.Count;
        }
    }
}
