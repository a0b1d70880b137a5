using System.CommandLine;
using Bpm.Persistence.PersonalData;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm personal-data encrypt</c>: encrypts requests still in clear (written before encryption) and gives them digests;
/// <c>bpm personal-data rotate</c>: re-encrypts every request under PersonalData:ActiveKey, after which the older keys can
/// be removed from the settings; <c>bpm personal-data status</c>: how many requests each key protects. Both writes go in
/// batches (<c>--batch</c>, default 500), each committed on its own, so an interrupted run resumes and a repeated one
/// changes nothing. Example: "personal data: 1,204 requests examined, 1,204 rewritten under the active key k2".
/// </summary>
internal static class PersonalDataCommands
{
    public static Command Create(CliConsole console)
    {
        var batch = new Option<int>("--batch") { Description = "Requests per transaction", DefaultValueFactory = _ => PersonalDataRekeying.DefaultBatchSize };
        var encrypt = new Command("encrypt", "Encrypts requests still stored in clear (and re-encrypts any under an older key)") { batch };
        var rotate = new Command("rotate", "Re-encrypts every request under PersonalData:ActiveKey, so older keys can be removed") { batch };
        foreach (var command in new[] { encrypt, rotate })
        {
            command.SetAction(async (result, cancellationToken) =>
            {
                var size = result.GetValue(batch);
                if (size < 1)
                {
                    throw new CliArgumentException("--batch must be 1 or more");
                }

                await using var services = CliDatabase.OpenServices();
                await using var scope = services.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>().RunAsync(size, cancellationToken);
                await console.Output.WriteLineAsync(
                    $"personal data: {outcome.Examined} requests examined, {outcome.Rewritten} rewritten under the active key");
                return CliApp.Ok;
            });
        }

        var status = new Command("status", "How many requests each key protects (\"clear\": not yet encrypted)");
        status.SetAction(async (_, cancellationToken) =>
        {
            await using var services = CliDatabase.OpenServices();
            await using var scope = services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>().KeysInUseAsync(cancellationToken);
            foreach (var (key, count) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                await console.Output.WriteLineAsync($"{key}: {count} requests");
            }

            return CliApp.Ok;
        });
        return new Command("personal-data", "Encryption of taxpayers' contact and credit code at rest") { encrypt, rotate, status };
    }
}
