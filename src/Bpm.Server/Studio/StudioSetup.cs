using Microsoft.Extensions.Options;

namespace Bpm.Server.Studio;

/// <summary>Elsa Studio under <c>/studio/</c>: the package's files, our host pages and the tokens they hand to Studio.</summary>
public static class StudioSetup
{
    /// <param name="settingsFolder">the settings file's folder: a relative <see cref="StudioOptions.Folder"/> is taken from there, like <c>Workflows:Folder</c>.</param>
    public static IServiceCollection AddBpmStudio(this IServiceCollection services, IConfiguration configuration, string? settingsFolder)
    {
        services.AddOptions<StudioOptions>()
            .Bind(configuration.GetSection(StudioOptions.Section))
            .PostConfigure(options => options.Folder = Path.GetFullPath(options.Folder, settingsFolder ?? Directory.GetCurrentDirectory()))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, $"{StudioOptions.Section}:{nameof(StudioOptions.TokenLifetime)} must be positive, e.g. 01:00:00")
            .ValidateOnStart();
        services.AddSingleton<StudioAccessToken>();
        return services;
    }

    /// <summary>The package's files (public: no sign-in needed for scripts and styles); a warning when it is not installed.</summary>
    public static WebApplication UseBpmStudioFiles(this WebApplication app)
    {
        var folder = app.Services.GetRequiredService<IOptions<StudioOptions>>().Value.Folder;
        if (!Directory.Exists(Path.Combine(folder, "_framework")))
        {
            app.Logger.LogWarning("Elsa Studio is not installed at {Folder}: /studio/ pages answer 503. Build the server (runs npm ci) or set Studio:Folder", folder);
            return app;
        }

        app.UseStudioFiles(folder, StudioPages.Prefix);
        return app;
    }
}
