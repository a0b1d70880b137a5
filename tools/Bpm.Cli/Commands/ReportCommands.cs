using System.CommandLine;
using Bpm.Application.Bureaus;
using Bpm.Application.Reports;
using Bpm.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm report quarterly --bureau xiantao --year 2026 --quarter 3 --out q3.xlsx</c>: the quarterly report of a bureau's
/// subtree (the same .xlsx as <c>GET /api/reports/quarterly.xlsx</c>), written to a file.
/// </summary>
internal static class ReportCommands
{
    public static Command Create(CliConsole console)
    {
        var bureau = SlaCommands.BureauOption();
        var year = new Option<int>("--year") { Description = "Year, e.g. 2026", Required = true };
        var quarter = new Option<int>("--quarter") { Description = "Quarter, 1–4", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The .xlsx file to write (replaced if it exists)", Required = true };
        var quarterly = new Command("quarterly", "Writes a bureau's quarterly report (.xlsx): counts, rates, top topics, overdue and poorly rated items")
        {
            bureau, year, quarter, output,
        };
        quarterly.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(output)!;
            var content = await CliServices.RunAsync(async services =>
            {
                var period = new ReportQuarter(result.GetValue(year), result.GetValue(quarter));
                var tree = await services.GetRequiredService<IBureauStore>().LoadTreeAsync(cancellationToken);
                var code = result.GetValue(bureau)!;
                var target = tree.FindByCode(code) ?? throw new CliArgumentException($"--bureau: 税务机关不存在：{code}");
                return await services.GetRequiredService<QuarterlyReportService>().ExportAsync(tree, target.Id, period, cancellationToken);
            });
            if (file.Directory is { Exists: false } folder)
            {
                folder.Create();
            }

            await File.WriteAllBytesAsync(file.FullName, content, cancellationToken);
            await console.Output.WriteLineAsync($"quarterly report written to {file.FullName} ({content.Length:N0} bytes)");
            return CliApp.Ok;
        });
        return new Command("report", "Reports") { quarterly };
    }
}
