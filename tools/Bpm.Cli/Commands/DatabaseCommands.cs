using System.CommandLine;
using Bpm.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

internal static class DatabaseCommands
{
    /// <summary><c>bpm database migrate</c>: brings the configured database to the newest schema.</summary>
    public static Command Create(CliConsole console)
    {
        var migrate = new Command("migrate", "Apply pending migrations to the configured database");
        migrate.SetAction(async (_, cancellationToken) =>
        {
            await using var services = CliDatabase.OpenServices();
            await using var scope = services.CreateAsyncScope();
            var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await console.Output.WriteLineAsync($"{options.Provider}: schema up to date");
            return CliApp.Ok;
        });

        return new Command("database", "Database jobs") { migrate };
    }
}
