using System.CommandLine;
using Bpm.Application.Administration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm deadlines replan --bureau xiantao</c>: re-counts every open deadline below the bureau under today's policy and
/// calendar. A change saves its rule first and re-plans afterwards in batches; if that was interrupted (server stopped,
/// database gone), this finishes it. Running it when nothing is left to move moves nothing.
/// </summary>
internal static class DeadlineCommands
{
    public static Command Create(CliConsole console)
    {
        var bureau = SlaCommands.BureauOption();
        var replan = new Command("replan", "Re-plans every open deadline below a bureau (finishes an interrupted re-plan)") { bureau };
        replan.SetAction(async (result, cancellationToken) =>
        {
            var report = await CliServices.RunAsync(services => services.GetRequiredService<CalendarAdministrationService>().ReplanAsync(
                result.GetValue(bureau)!, AdminActor.System, cancellationToken));
            await console.Output.WriteLineAsync(CliServices.Moved(new ReplanOutcome(ReplanMode.Open, report)));
            return CliApp.Ok;
        });
        return new Command("deadlines", "Open deadlines") { replan };
    }
}
