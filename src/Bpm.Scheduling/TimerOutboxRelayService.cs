using Bpm.Application.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bpm.Scheduling;

/// <summary>
/// Hands the timer outbox to Quartz: at start-up (timers written while no scheduler ran, or before a crash) and then every
/// <see cref="SchedulingOptions.OutboxPollInterval"/> (default 1 s), in a scope of its own, <see cref="TimerOutboxRelay"/>.
/// A timer committed at 10:00:00.2 thus has its trigger by about 10:00:01.2. A failure (database restarting) is logged
/// and tried again at the next tick; it never stops the host.
/// </summary>
public sealed partial class TimerOutboxRelayService(
    IServiceScopeFactory scopes, SchedulingOptions options, TimeProvider time, ILogger<TimerOutboxRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host goes on starting (Quartz, the web server) while the first pass runs.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RelayOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(options.OutboxPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass; returns how many timers were handed over (0 after a logged failure).</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var relayed = await scope.ServiceProvider.GetRequiredService<TimerOutboxRelay>().RelayAsync(cancellationToken);
            if (relayed > 0)
            {
                LogRelayed(logger, relayed);
            }

            return relayed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex)
        {
            // Whatever failed (database, Quartz), the timers stay in the outbox and the next tick hands them over.
            LogFailed(logger, ex, options.OutboxPollInterval);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} timer(s) handed to the scheduler")]
    private static partial void LogRelayed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handing the timer outbox to the scheduler failed; trying again in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan interval);
}
