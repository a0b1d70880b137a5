using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bpm.Bench.Benchmarks;

/// <summary>Where results go: artifacts/bench/&lt;name&gt;.json under the repository root (git-ignored).</summary>
internal static class BenchOutput
{
    private static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web) {
        WriteIndented = true,
        // Keep "national + bureau" and Chinese names readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(string benchmarkName, object result)
    {
        string directory = Path.Combine(FindRepositoryRoot(), "artifacts", "bench");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, benchmarkName + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(result, options));
        return path;
    }

    /// <summary>The nearest folder above the working directory (or the binary) that holds Bpm.sln.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Bpm.sln")))
                {
                    return folder.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
