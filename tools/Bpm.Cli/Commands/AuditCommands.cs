using System.CommandLine;
using Bpm.Application.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm audit verify [--from SEQ]</c>: walks the hash chain of the audit log and names the first broken sequence (an edited,
/// deleted or reordered row); exit 0 intact, 1 broken. <c>bpm audit prune</c>: removes rows older than Audit:RetentionDays
/// (at least 180), keeping a checkpoint so the rest still verifies.
/// Example: "audit chain intact: 1,204 rows checked (1–1,204)"; "audit chain BROKEN at sequence 7: hash does not match the row (the row was edited); 6 rows checked".
/// </summary>
internal static class AuditCommands
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<long?>("--from") { Description = "Start at this sequence, trusting its previous hash (default: the whole kept chain)" };
        var verify = new Command("verify", "Checks the audit log's hash chain; exit 1 names the first broken sequence") { from };
        verify.SetAction(async (result, cancellationToken) =>
        {
            var start = result.GetValue(from);
            if (start is < 1)
            {
                throw new CliArgumentException("--from must be a sequence number, 1 or more");
            }

            await using var services = CliDatabase.OpenServices();
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(start, cancellationToken);
            if (outcome.IsIntact)
            {
                await console.Output.WriteLineAsync($"audit chain intact: {outcome.RowsChecked} rows checked");
                return CliApp.Ok;
            }

            await console.Output.WriteLineAsync($"audit chain BROKEN at sequence {outcome.BrokenAt}: {outcome.Reason}; {outcome.RowsChecked} rows checked before it");
            return CliApp.Failed;
        });

        var prune = new Command("prune", "Removes audit rows older than Audit:RetentionDays (at least 180), keeping the chain verifiable");
        prune.SetAction(async (_, cancellationToken) =>
        {
            await using var services = CliDatabase.OpenServices();
            await using var scope = services.CreateAsyncScope();
            var options = RetentionOf(scope.ServiceProvider);
            var before = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-options.RetentionDays);
            var pruned = await scope.ServiceProvider.GetRequiredService<IAuditLog>().PruneAsync(before, cancellationToken);
            await console.Output.WriteLineAsync($"{pruned} audit rows older than {options.RetentionDays} days pruned");
            return CliApp.Ok;
        });
        return new Command("audit", "The tamper-evident audit log") { verify, prune };
    }

    /// <summary>Audit:RetentionDays below 180 (等保2.0 keeps audit records six months) is a refused argument, exit 2, nothing pruned.</summary>
    private static AuditOptions RetentionOf(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<AuditOptions>();
        }
        catch (InvalidOperationException refused)
        {
            throw new CliArgumentException(refused.Message);
        }
    }
}
