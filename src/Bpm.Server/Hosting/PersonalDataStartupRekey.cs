using Bpm.Persistence;
using Bpm.Persistence.PersonalData;

namespace Bpm.Server.Hosting;

/// <summary>
/// <c>PersonalData:EncryptOnStartup</c>: after the server is up, requests still in clear or under an older key are
/// re-encrypted under the active one, in the background. The pass reads every request (10⁶ rows took over 2 minutes), so it
/// no longer holds up the start: reads decrypt any key meanwhile, and each row is rewritten only if nobody changed it since
/// the pass read it. It runs only when needed: a start under the keys of the last finished pass, with every stored value
/// under the active key, skips it. A failure is logged; the next start tries again.
/// </summary>
internal sealed class PersonalDataStartupRekey(
    IServiceScopeFactory scopes, IConfiguration configuration, DatabaseOptions database, ILogger<PersonalDataStartupRekey> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.MigrateOnStartup || !PersonalDataSettings.Options(configuration).EncryptOnStartup)
        {
            return;
        }

        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var rekeyed = await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>()
                .RunUnlessCurrentAsync(PersonalDataRekeying.DefaultBatchSize, stoppingToken);
            if (rekeyed is { Rewritten: > 0 })
            {
                logger.LogInformation("Personal data re-encrypted under the active key: {Rewritten} of {Examined} requests", rekeyed.Rewritten, rekeyed.Examined);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Personal data re-encryption stopped with the server; the next start goes on with it");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            logger.LogError(exception, "Personal data re-encryption failed; the next start tries again");
        }
    }
}
