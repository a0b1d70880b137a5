using Bpm.Application.Hosting;
using Bpm.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli;

/// <summary>The server's database, found through the same appsettings.json (and <c>Database__*</c> environment variables).</summary>
internal static class CliDatabase
{
    public static ServiceProvider OpenServices()
    {
        var settingsFile = SettingsFile.Locate();
        var configuration = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            configuration.AddJsonFile(settingsFile, optional: false);
        }

        configuration.AddEnvironmentVariables();
        var services = new ServiceCollection();
        services.AddBpmPersistence(configuration.Build(), Path.GetDirectoryName(settingsFile));
        return services.BuildServiceProvider();
    }
}
