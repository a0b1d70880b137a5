using System.CommandLine;
using System.Text;
using Bpm.Application.Ledger;
using Bpm.Cli.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm ledger import 台账.xlsx --bureau xiantao [--mode file|row] [--dry-run] [--report PATH]</c>: takes over a ledger
/// (.csv or .xlsx, Chinese headers as our ledger export writes them). Every rejected row is printed as
/// <c>line 7: 联系方式 — 电话号码格式不正确</c> and written to the report (default FILE.report.csv). Exit 0 when every row
/// was imported (or, with --dry-run, is valid); 1 when any row was rejected (in file mode nothing is imported then) or
/// the file cannot be read as a ledger; 2 for bad arguments (no such file, unknown bureau).
/// </summary>
internal static class LedgerCommands
{
    public static Command Create(CliConsole console) => new("ledger", "Taxpayer-request ledgers (台账)")
    {
        Import(console),
    };

    private static Command Import(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The ledger, .csv (UTF-8 or GB18030) or .xlsx, header in line 1" };
        var bureau = new Option<string?>("--bureau") { Description = "Receiving bureau code (e.g. xiantao) of rows whose 受理机构 is empty" };
        var mode = new Option<LedgerImportMode>("--mode") { Description = "file: one bad row and nothing is imported (default); row: import the good rows", DefaultValueFactory = _ => LedgerImportMode.File };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and write the report; import nothing" };
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the report (default: FILE.report.csv)" };
        var command = new Command("import", "Imports a ledger: each row checked, a report of accepted and rejected rows") { file, bureau, mode, dryRun, report };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliArgumentException($"file '{path.FullName}' does not exist");
            }

            ILedgerReader reader = path.Extension.ToLowerInvariant() switch
            {
                ".csv" or ".txt" => new CsvLedgerReader(),
                ".xlsx" => new XlsxLedgerReader(),
                _ => throw new CliArgumentException($"'{path.Name}': only .csv and .xlsx ledgers can be imported"),
            };
            var settings = new LedgerImportSettings(result.GetValue(bureau), result.GetValue(mode), result.GetValue(dryRun));
            var reportFile = result.GetValue(report)?.FullName ?? path.FullName + ".report.csv";

            LedgerImportReport outcome;
            try
            {
                await using var stream = path.OpenRead();
                var sheet = await reader.ReadAsync(stream, cancellationToken);
                outcome = await CliServices.RunAsync(services =>
                    RunWithProgressAsync(console, services.GetRequiredService<LedgerImportService>(), sheet, settings, cancellationToken));
            }
            catch (LedgerFormatException unreadable)
            {
                await console.Error.WriteLineAsync($"error: {path.Name}: {unreadable.Message}");
                return CliApp.Failed;
            }

            foreach (var row in outcome.Rows.Where(r => r.Rejected))
            {
                foreach (var error in row.Errors)
                {
                    await console.Output.WriteLineAsync($"line {row.Line}: {error.Column} — {error.Reason}");
                }
            }

            await WriteReportAsync(reportFile, outcome, cancellationToken);
            await console.Output.WriteLineAsync(Summary(outcome, settings));
            await console.Output.WriteLineAsync($"report: {reportFile}");
            return outcome.Rejected == 0 && (settings.DryRun || outcome.Imported == outcome.Read) ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }

    /// <summary>"read 5 rows: 3 valid, 2 rejected; 3 imported (--mode row)".</summary>
    private static string Summary(LedgerImportReport outcome, LedgerImportSettings settings)
    {
        var head = $"read {outcome.Read} rows: {outcome.Valid} valid, {outcome.Rejected} rejected; ";
        if (settings.DryRun)
        {
            return head + "nothing imported (--dry-run)";
        }

        return outcome.Imported == 0 && outcome.Rejected > 0 && settings.Mode == LedgerImportMode.File
            ? head + "nothing imported (--mode file: fix the rejected rows, or import the good ones with --mode row)"
            : head + $"{outcome.Imported} imported (--mode {settings.Mode.ToString().ToLowerInvariant()})";
    }

    /// <summary>A Spectre.Console bar on a terminal; plain "检查 500/1200" lines when the output is a file, a pipe or a test.</summary>
    private static async Task<LedgerImportReport> RunWithProgressAsync(
        CliConsole console, LedgerImportService service, LedgerSheet sheet, LedgerImportSettings settings, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(console.Output, Console.Out) && !Console.IsOutputRedirected)
        {
            LedgerImportReport? outcome = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var progress = new InlineProgress(p =>
                    {
                        if (!tasks.TryGetValue(p.Phase, out var task))
                        {
                            task = context.AddTask(p.Phase, maxValue: Math.Max(1, p.Total));
                            tasks[p.Phase] = task;
                        }

                        task.Value = p.Done;
                    });
                    outcome = await service.ImportAsync(sheet, settings, progress, cancellationToken);
                });
            return outcome!;
        }

        var plain = new InlineProgress(p =>
        {
            if (p.Done == p.Total || p.Done % 500 == 0)
            {
                console.Output.WriteLine($"{p.Phase} {p.Done}/{p.Total}");
            }
        });
        return await service.ImportAsync(sheet, settings, plain, cancellationToken);
    }

    /// <summary>UTF-8 with BOM (Excel opens it right): 行号, 结果, 受理编号 (new), 原受理编号, 列, 原因 — one line per refusal.</summary>
    private static async Task WriteReportAsync(string path, LedgerImportReport outcome, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("行号,结果,受理编号,原受理编号,列,原因\n");
        foreach (var row in outcome.Rows)
        {
            var verdict = row.Rejected ? "拒绝" : row.Imported ? "已导入" : outcome.DryRun ? "有效" : "未导入";
            var errors = row.Errors.Count > 0 ? row.Errors : [new LedgerCellError("", "")];
            foreach (var error in errors)
            {
                text.AppendJoin(',', new[] { row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), verdict, row.Number, row.SourceNumber, error.Column, error.Reason }.Select(Csv)).Append('\n');
            }
        }

        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
    }

    private static string Csv(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>Reports on the caller's thread at once (Progress&lt;T&gt; would post to the thread pool and report late, out of order).</summary>
    private sealed class InlineProgress(Action<LedgerImportProgress> report) : IProgress<LedgerImportProgress>
    {
        public void Report(LedgerImportProgress value) => report(value);
    }
}
