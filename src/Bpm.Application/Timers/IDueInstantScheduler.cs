namespace Bpm.Application.Timers;

/// <summary>
/// The scheduler that fires at instants (Bpm.Scheduling: Quartz). One trigger per instant, not per timer: thousands of
/// tasks due at a bureau's cut-off share one trigger, whose job applies every timer due by then
/// (<see cref="DueTimerProcessor"/>). Idempotent: ensuring an instant that already has a trigger changes nothing;
/// an instant in the past fires at once.
/// </summary>
public interface IDueInstantScheduler
{
    Task EnsureTriggersAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken);
}
