using System.Reflection;

namespace Bpm.Architecture.Tests;

/// <summary>
/// What the compiled assemblies reference. The compiler drops references that no code uses, so this sees
/// only dependencies that are real; <see cref="ProjectFileTests"/> checks what the project files declare.
/// </summary>
public sealed class AssemblyReferenceTests
{
    private static Assembly Load(Layer layer) => Assembly.Load(new AssemblyName(Layers.AssemblyName(layer)));

    private static IReadOnlyList<AssemblyName> ReferencesOf(Layer layer) => Load(layer).GetReferencedAssemblies();

    /// <summary>The folder of Microsoft.NETCore.App, where System.Private.CoreLib lives.</summary>
    private static readonly string CoreFrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    [Theory]
    [MemberData(nameof(Layers.Each), MemberType = typeof(Layers))]
    public void Every_layer_is_reachable_from_this_test(Layer layer)
    {
        Load(layer).GetName().Name.ShouldBe(Layers.AssemblyName(layer));
    }

    [Fact]
    public void Domain_references_nothing_but_the_core_framework()
    {
        var offenders = ReferencesOf(Layer.Domain)
            .Where(r => Layers.IsInfrastructure(r.Name!) || Layers.IsExtensions(r.Name!)
                || !string.Equals(Path.GetDirectoryName(Assembly.Load(r).Location), CoreFrameworkDirectory, StringComparison.Ordinal))
            .Select(r => r.FullName)
            .ToList();

        offenders.ShouldBeEmpty("Bpm.Domain must reference only Microsoft.NETCore.App; found: " + string.Join(", ", offenders));
    }

    [Theory]
    [InlineData(Layer.Domain)]
    [InlineData(Layer.Engine)]
    [InlineData(Layer.Application)]
    public void Inner_layers_reference_no_EF_Core_ASP_NET_Core_or_Quartz(Layer layer)
    {
        var offenders = ReferencesOf(layer).Select(r => r.Name!).Where(Layers.IsInfrastructure).ToList();
        offenders.ShouldBeEmpty($"{Layers.AssemblyName(layer)} references {string.Join(", ", offenders)}");
    }

    [Theory]
    [MemberData(nameof(Layers.Each), MemberType = typeof(Layers))]
    public void References_between_our_assemblies_go_one_way(Layer layer)
    {
        var ours = ReferencesOf(layer).Select(r => Layers.FromAssemblyName(r.Name)).OfType<Layer>().ToHashSet();
        var forbidden = ours.Except(Layers.MayUse(layer)).ToList();

        forbidden.ShouldBeEmpty($"{Layers.AssemblyName(layer)} references {string.Join(", ", forbidden)}");
    }

    [Theory]
    [InlineData(Layer.Server)]
    [InlineData(Layer.Scheduling)]
    public void The_CLI_never_references_the_server_or_Quartz_scheduling(Layer neverUsed)
    {
        ReferencesOf(Layer.Cli).Select(r => r.Name).ShouldNotContain(Layers.AssemblyName(neverUsed));
        ReferencesOf(Layer.Cli).Select(r => r.Name!).ShouldNotContain(n => n.StartsWith("Quartz", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_assembly_check_can_see_a_reference_when_there_is_one()
    {
        // Guards the test itself: Application does use Domain types, so the compiler keeps that reference.
        ReferencesOf(Layer.Application).Select(r => r.Name).ShouldContain(Layers.AssemblyName(Layer.Domain));
        ReferencesOf(Layer.Server).Select(r => r.Name).ShouldContain(Layers.AssemblyName(Layer.Application));
    }
}
