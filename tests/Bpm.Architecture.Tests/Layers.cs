namespace Bpm.Architecture.Tests;

/// <summary>Our projects, with the assembly each compiles to and the project file that builds it.</summary>
public enum Layer
{
    Domain,
    Engine,
    Application,
    Persistence,
    Scheduling,
    Server,
    Cli,
}

internal static class Layers
{
    public static readonly Layer[] All = Enum.GetValues<Layer>();

    /// <summary>The CLI's assembly is named <c>bpm</c> (the command operators type); the others are Bpm.{Layer}.</summary>
    public static string AssemblyName(Layer layer) => layer == Layer.Cli ? "bpm" : $"Bpm.{layer}";

    public static string ProjectName(Layer layer) => $"Bpm.{layer}";

    public static Layer? FromAssemblyName(string? name) =>
        All.Cast<Layer?>().FirstOrDefault(l => string.Equals(AssemblyName(l!.Value), name, StringComparison.Ordinal));

    public static Layer? FromProjectName(string name) =>
        All.Cast<Layer?>().FirstOrDefault(l => string.Equals(ProjectName(l!.Value), name, StringComparison.Ordinal));

    /// <summary>
    /// The table in the design's architecture.md, closed under transitivity: what each project may depend on, directly
    /// or through another of ours. Scheduling → Engine, Application, and so Domain through Application.
    /// </summary>
    public static IReadOnlySet<Layer> MayUse(Layer layer) => layer switch
    {
        Layer.Domain => new HashSet<Layer>(),
        Layer.Engine => new HashSet<Layer>(),
        Layer.Application => new HashSet<Layer> { Layer.Domain, Layer.Engine },
        Layer.Persistence => new HashSet<Layer> { Layer.Domain, Layer.Engine, Layer.Application },
        Layer.Scheduling => new HashSet<Layer> { Layer.Engine, Layer.Application, Layer.Domain },
        Layer.Server => new HashSet<Layer> { Layer.Domain, Layer.Engine, Layer.Application, Layer.Persistence, Layer.Scheduling },
        Layer.Cli => new HashSet<Layer> { Layer.Domain, Layer.Engine, Layer.Persistence, Layer.Application },
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    public static TheoryData<Layer> Each()
    {
        var data = new TheoryData<Layer>();
        foreach (var layer in All)
        {
            data.Add(layer);
        }

        return data;
    }

    /// <summary>Packages that only the outer layers may know: a data store, a web host, a scheduler.</summary>
    public static readonly string[] InfrastructurePrefixes = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Quartz"];

    public static bool IsInfrastructure(string name) =>
        InfrastructurePrefixes.Any(p => name.Equals(p, StringComparison.OrdinalIgnoreCase) || name.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase));

    public static bool IsExtensions(string name) => name.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase);
}
