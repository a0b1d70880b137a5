using Bpm.Persistence;
using Bpm.Server.Demo;

namespace Bpm.Server.Hosting;

/// <summary>
/// Before the server listens (hosted services start first): bring the schema up to date, then seed the
/// demo bureaus if <c>Demo:Enabled</c>. A failure here stops the start-up with the reason in the log.
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEnabledAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
