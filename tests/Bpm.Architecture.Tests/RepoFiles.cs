using System.Xml.Linq;

namespace Bpm.Architecture.Tests;

/// <summary>The repository's files, found by walking up from the test's output folder to Bpm.sln.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> root = new(() =>
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

    public static string Root => root.Value;

    /// <summary>Product project files: everything under src/ and tools/ (the CLI lives in tools/Bpm.Cli).</summary>
    public static IReadOnlyList<string> ProductProjects() =>
        new[] { "src", "tools" }
            .Select(d => Path.Combine(Root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.csproj", SearchOption.AllDirectories))
            .Where(p => !IsBuildOutput(p))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ProjectFile(Layer layer)
    {
        var matches = ProductProjects().Where(p => Path.GetFileNameWithoutExtension(p) == Layers.ProjectName(layer)).ToList();
        matches.Count.ShouldBe(1, $"exactly one {Layers.ProjectName(layer)}.csproj under src/ or tools/");
        return matches[0];
    }

    public static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");
}

/// <summary>What a project file says: its SDK, and its items including those of files it imports.</summary>
internal sealed record ProjectFile(string Path, string Sdk, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences,
    IReadOnlyList<string> AssemblyReferences, IReadOnlyList<string> FrameworkReferences)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public static ProjectFile Load(string path)
    {
        var root = XDocument.Load(path).Root!;
        var items = ItemsOf(path, []).ToList();
        var dir = System.IO.Path.GetDirectoryName(path)!;
        return new ProjectFile(
            path,
            (string?)root.Attribute("Sdk") ?? "",
            items.Where(i => i.Kind == "ProjectReference").Select(i => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, i.Include.Replace('\\', '/')))).ToList(),
            items.Where(i => i.Kind is "PackageReference" or "PackageDownload").Select(i => i.Include).ToList(),
            items.Where(i => i.Kind == "Reference").Select(i => i.Include).ToList(),
            items.Where(i => i.Kind == "FrameworkReference").Select(i => i.Include).ToList());
    }

    /// <summary>Item elements of the file and, recursively, of the files it imports by relative path (conditions ignored: a conditional package is still a package).</summary>
    private static IEnumerable<(string Kind, string Include)> ItemsOf(string path, HashSet<string> seen)
    {
        if (!seen.Add(System.IO.Path.GetFullPath(path)))
        {
            yield break;
        }

        var document = XDocument.Load(path);
        foreach (var element in document.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup"))
        {
            if ((string?)element.Attribute("Include") is { } include)
            {
                yield return (element.Name.LocalName, include);
            }
        }

        foreach (var import in document.Descendants().Where(e => e.Name.LocalName == "Import"))
        {
            var project = (string?)import.Attribute("Project") ?? "";
            if (project.Contains("$(", StringComparison.Ordinal))
            {
                continue; // SDK-relative imports are the framework's own
            }

            var importPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, project));
            File.Exists(importPath).ShouldBeTrue($"{path} imports {project}, which does not exist");
            foreach (var item in ItemsOf(importPath, seen))
            {
                yield return item;
            }
        }
    }
}
