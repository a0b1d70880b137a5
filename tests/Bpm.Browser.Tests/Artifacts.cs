namespace Bpm.Browser.Tests;

/// <summary>Where browser tests leave files for people to look at: <c>artifacts/screenshots/</c> in the checkout (git-ignored).</summary>
public static class Artifacts
{
    private static readonly Lazy<string> RepoRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bpm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Bpm.sln above {AppContext.BaseDirectory}");
    });

    public static string Screenshots
    {
        get
        {
            var folder = Path.Combine(RepoRoot.Value, "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
