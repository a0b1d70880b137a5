namespace Bpm.Server.Studio;

/// <summary>The <c>Studio</c> section: where the installed Elsa Studio package is and how long the token its pages get lives.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The npm package <c>Bpm.Server.csproj</c> installs (npm ci), relative to the settings file's folder.</summary>
    public const string DefaultFolder = "src/Bpm.Server/Studio/node_modules/@elsa-workflows/elsa-studio-wasm";

    /// <summary>The unpacked <c>@elsa-workflows/elsa-studio-wasm</c> package (holds <c>_framework/</c> and <c>_content/</c>); absolute once bound.</summary>
    public string Folder { get; set; } = DefaultFolder;

    /// <summary>
    /// Lifetime of the bearer token a Studio page hands to Studio, e.g. <c>"01:00:00"</c>: an editor left open longer
    /// gets 401s until the page is reloaded (the sign-in cookie then mints a new one). Must be positive.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
