using Bpm.Application;
using Bpm.Application.Administration;
using Bpm.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli;

/// <summary>Runs an administration use case on the configured database, as the system; refused input exits 2 with the reason.</summary>
internal static class CliServices
{
    public static async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var services = CliDatabase.OpenServices();
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (NotFoundException missing)
        {
            throw new CliArgumentException(missing.Message);
        }
        catch (DomainValidationException invalid)
        {
            throw new CliArgumentException(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Reason}")));
        }
        catch (DomainException rule)
        {
            throw new CliArgumentException(rule.Field is null ? rule.Message : $"{rule.Field}: {rule.Message}");
        }
    }

    /// <summary>"3 open deadlines moved (120 tasks examined, 3 re-planned)"; NewOnly says that open deadlines were left alone.</summary>
    public static string Moved(ReplanOutcome outcome) => outcome.Mode == ReplanMode.NewOnly
        ? "open deadlines left as they are (--new-only): only new tasks see the change"
        : $"{outcome.Report.DeadlinesMoved} open deadlines moved ({outcome.Report.TasksExamined} open tasks examined, timers re-planned for {outcome.Report.TimersReplanned})";
}
