using System.CommandLine;
using Bpm.Cli.Commands;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm</c>: operator jobs without the server. Exit codes: 0 done, 1 the job failed, 2 bad arguments
/// (the message says which and why).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("Bpm 纳税人诉求快速响应 — operator tools")
        {
            AuditCommands.Create(console),
            CalendarCommands.Create(console),
            DatabaseCommands.Create(console),
            DeadlineCommands.Create(console),
            LedgerCommands.Create(console),
            PersonalDataCommands.Create(console),
            ReportCommands.Create(console),
            SlaCommands.Create(console),
            WorkflowCommands.Create(console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'bpm --help' for usage.");
            return BadArguments;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliArgumentException argument)
        {
            await error.WriteLineAsync($"error: {argument.Message}");
            return BadArguments;
        }
    }
}

/// <summary>Where a command writes: the real console, or a test's writers.</summary>
public sealed record CliConsole(TextWriter Output, TextWriter Error);

/// <summary>An argument that parsed but makes no sense, e.g. <c>--days -3</c> or an unknown bureau; exit code 2.</summary>
public sealed class CliArgumentException(string message) : Exception(message);
