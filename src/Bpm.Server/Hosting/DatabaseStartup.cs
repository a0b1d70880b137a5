using Bpm.Persistence;
using Bpm.Server.Demo;

namespace Bpm.Server.Hosting;

public static class DatabaseStartup
{
    /// <summary>Before the first request: bring the schema up to date, then seed the demo bureaus if asked.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEnabledAsync(cancellationToken);
    }
}
