using Bpm.Application.Workflows;
using Bpm.Persistence;
using Bpm.Server.Demo;

namespace Bpm.Server.Hosting;

/// <summary>
/// Before the server listens (hosted services start first): bring the schema up to date, import the workflow
/// definitions the database does not have yet from workflows/, then seed the demo bureaus if <c>Demo:Enabled</c>. A failure here stops the start-up with the reason in the log.
/// A PostgreSQL database whose LC_CTYPE makes name search read every name is reported as a warning (<see cref="NameSearchReadiness"/>).
/// Personal data: missing or short keys stop the start (the message names the setting); re-encryption under the active key
/// (<c>PersonalData:EncryptOnStartup</c>) runs after the start, in <see cref="PersonalDataStartupRekey"/>.
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes) : IHostedService
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

        if (await NameSearchReadiness.ProblemAsync(scope.ServiceProvider.GetRequiredService<BpmDbContext>(), cancellationToken) is { } nameSearch)
        {
            scope.ServiceProvider.GetRequiredService<ILogger<DatabaseStartup>>().LogWarning("{Problem}", nameSearch);
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
