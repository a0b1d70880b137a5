using Bpm.Application.Workflows;
using Bpm.Persistence;
using Bpm.Server.Demo;

namespace Bpm.Server.Hosting;

/// <summary>
/// Before the server listens (hosted services start first): bring the schema up to date, import the workflow
/// definitions the database does not have yet from workflows/, then seed the demo bureaus if <c>Demo:Enabled</c>. A failure here stops the start-up with the reason in the log.
/// Personal data: missing or short keys stop the start (the message names the setting); with
/// <c>PersonalData:EncryptOnStartup</c>, requests still in clear or under an older key are re-encrypted under the active one.
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Bpm.Application.PersonalData.IPersonalDataProtector>();
        var migrate = scope.ServiceProvider.GetRequiredService<DatabaseOptions>().MigrateOnStartup;
        if (migrate)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        if (migrate && Bpm.Persistence.PersonalData.PersonalDataSettings.Options(configuration).EncryptOnStartup)
        {
            var rekeyed = await scope.ServiceProvider.GetRequiredService<Bpm.Persistence.PersonalData.PersonalDataRekeying>()
                .RunAsync(Bpm.Persistence.PersonalData.PersonalDataRekeying.DefaultBatchSize, cancellationToken);
            if (rekeyed.Rewritten > 0)
            {
                scope.ServiceProvider.GetRequiredService<ILogger<DatabaseStartup>>().LogInformation(
                    "Personal data re-encrypted under the active key: {Rewritten} of {Examined} requests", rekeyed.Rewritten, rekeyed.Examined);
            }
        }

        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowsOptions>();
        if (workflows.ImportOnStartup)
        {
            var imported = await scope.ServiceProvider.GetRequiredService<WorkflowCatalog>().ImportMissingAsync(workflows.Folder, cancellationToken);
            if (imported.Count > 0)
            {
                scope.ServiceProvider.GetRequiredService<ILogger<DatabaseStartup>>().LogInformation("Workflows imported from {Folder}: {Definitions}", workflows.Folder, string.Join(", ", imported));
            }
        }

        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEnabledAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
