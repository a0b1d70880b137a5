using Bpm.Application;
using Bpm.Application.Hosting;
using Bpm.Application.Workflows;
using Bpm.Persistence;
using Bpm.Scheduling;
using Bpm.Server.Auth;
using Bpm.Server.Demo;
using Bpm.Server.Elsa;
using Bpm.Server.Errors;
using Bpm.Server.Health;
using Bpm.Server.Intake;
using Bpm.Server.Security;
using Bpm.Server.Studio;
using Bpm.Server.Web;
using Bpm.Server.WebUi;

namespace Bpm.Server.Hosting;

/// <summary>Composition root: settings, services, middleware and endpoints of the Bpm server.</summary>
public static class BpmServer
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settingsFile = UseSettingsFile(builder, args);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBpmApplication();
        builder.Services.AddBpmPeriodicDuties(builder.Configuration);
        builder.Services.AddBpmPersistence(builder.Configuration, Path.GetDirectoryName(settingsFile));
        builder.Services.AddSingleton(provider => WorkflowsFolder(builder.Configuration, settingsFile));
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.Configure<Application.Requests.Duplicates.DuplicatesOptions>(builder.Configuration.GetSection(Application.Requests.Duplicates.DuplicatesOptions.Section));
        builder.Services.AddScoped<DemoDataSeeder>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHostedService<PersonalDataStartupRekey>();

        // After DatabaseStartup: hosted services start in registration order, and Quartz checks its QRTZ_ tables
        // (created by our migrations) when its scheduler is created.
        builder.Services.AddBpmScheduling(builder.Configuration, Path.GetDirectoryName(settingsFile));
        builder.Services.AddBpmProblemDetails();
        builder.Services.AddBpmAuth(builder.Configuration);
        builder.Services.AddBpmSecurity(builder.Configuration);
        builder.Services.AddBpmWebSignIn();
        builder.Services.AddBpmWebUi();
        builder.Services.AddBpmStudio(builder.Configuration, Path.GetDirectoryName(settingsFile));
        builder.Services.AddBpmApi();
        builder.Services.AddBpmIntake(builder.Configuration);
        builder.Services.AddElsaApi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBpmSecurity();
        app.UseBpmStudioFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseBpmWebUiCulture();
        app.MapBpmHealth();
        app.MapBpmApi();
        app.MapIntakeEndpoints();
        app.MapElsaApi();
        app.MapAccountEndpoints();
        app.MapStudioPages();
        app.MapBpmWebUi();
        app.Logger.LogInformation("Settings file: {SettingsFile}", settingsFile ?? "(none found: built-in defaults)");
        return app;
    }

    /// <summary>The <c>Workflows</c> section, its folder taken from the settings file's folder (a checkout: ./workflows).</summary>
    private static WorkflowsOptions WorkflowsFolder(IConfiguration configuration, string? settingsFile)
    {
        var options = configuration.GetSection(WorkflowsOptions.Section).Get<WorkflowsOptions>() ?? new WorkflowsOptions();
        options.Folder = Path.GetFullPath(options.Folder, Path.GetDirectoryName(settingsFile) ?? Directory.GetCurrentDirectory());
        return options;
    }

    /// <summary>
    /// The top-level appsettings.json replaces the content-root one; environment variables and the command
    /// line still win over it (e.g. <c>--Database:Provider PostgreSql</c>).
    /// </summary>
    private static string? UseSettingsFile(WebApplicationBuilder builder, string[] args)
    {
        var path = SettingsFile.Locate();
        var sources = builder.Configuration.Sources;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource)
            {
                sources.RemoveAt(i);
            }
        }

        if (path is not null)
        {
            builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        return path;
    }
}
