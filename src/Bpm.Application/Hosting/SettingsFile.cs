namespace Bpm.Application.Hosting;

/// <summary>
/// Finds the one settings file, appsettings.json, that the server and the CLI share:
/// <list type="number">
/// <item>the path in the environment variable <c>BPM_SETTINGS</c>, if set (it must exist);</item>
/// <item>the nearest appsettings.json beside a Bpm.sln, from the current folder upwards (a checkout);</item>
/// <item>the same from the program's own folder upwards (e.g. src/Bpm.Server/bin/Release/net10.0);</item>
/// <item>appsettings.json beside the program (a published deployment).</item>
/// </list>
/// Null when none exists: built-in defaults apply.
/// </summary>
public static class SettingsFile
{
    public const string FileName = "appsettings.json";
    public const string EnvironmentVariable = "BPM_SETTINGS";

    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            var full = Path.GetFullPath(explicitPath);
            return File.Exists(full)
                ? full
                : throw new FileNotFoundException($"{EnvironmentVariable} names a settings file that does not exist: {full}", full);
        }

        return FindInCheckout(Directory.GetCurrentDirectory())
            ?? FindInCheckout(AppContext.BaseDirectory)
            ?? Existing(Path.Combine(AppContext.BaseDirectory, FileName));
    }

    private static string? FindInCheckout(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, FileName);
            if (File.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "Bpm.sln")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;
}
