using Bpm.Application;
using Bpm.Application.Hosting;
using Bpm.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli;

/// <summary>The server's database, found through the same appsettings.json (and <c>Database__*</c> environment variables).</summary>
internal static class CliDatabase
{
    /// <summary>The folder of the settings file (the checkout's root), or the current folder when there is none.</summary>
    public static string SettingsFolder => Path.GetDirectoryName(SettingsFile.Locate()) ?? Directory.GetCurrentDirectory();

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
        services.AddSingleton(TimeProvider.System);
        services.AddBpmApplication();
        services.AddBpmPersistence(configuration.Build(), Path.GetDirectoryName(settingsFile));
        return services.BuildServiceProvider();
    }
}
