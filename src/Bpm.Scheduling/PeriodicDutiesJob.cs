using Bpm.Application.Collections;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bpm.Scheduling;

/// <summary>
/// The periodic job (<c>bpm-periodic.duties</c>): opens the monthly collection tasks and stores the quarterly reports
/// that are due (<see cref="PeriodicDuties"/>). Its trigger repeats every <c>PeriodicDuties:CheckInterval</c> (15 min)
/// and is stored again at every start-up to fire at once, so what came due while the server was down is caught up on
/// boot. Runs never overlap, on one node or across a cluster; on two unclustered nodes both may run, which the unique
/// indexes make harmless (one task per unit and month, one report per bureau and quarter).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class PeriodicDutiesJob(PeriodicDuties duties, ILogger<PeriodicDutiesJob> logger) : IJob
{
    public const string Group = "bpm-periodic";

    public static readonly JobKey Key = new("duties", Group);

    public static readonly TriggerKey TriggerKey = new("duties-every-interval", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var result = await duties.RunAsync(cancellationToken);
            if (result.CollectionTasksOpened > 0 || result.ReportsGenerated > 0)
            {
                LogDone(logger, result.CollectionTasksOpened, result.ReportsGenerated);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The next interval tries again; every part is idempotent.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Periodic duties: {Tasks} collection task(s) opened, {Reports} quarterly report(s) stored")]
    private static partial void LogDone(ILogger logger, int tasks, int reports);

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic duties failed; the next interval tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
