namespace Bpm.Architecture.Tests;

/// <summary>What the project files declare, including references the compiler would drop as unused.</summary>
public sealed class ProjectFileTests
{
    private static ProjectFile Project(Layer layer) => ProjectFile.Load(RepoFiles.ProjectFile(layer));

    private static Layer LayerOfProject(string csprojPath)
    {
        var name = Path.GetFileNameWithoutExtension(csprojPath);
        return Layers.FromProjectName(name) ?? throw new ShouldAssertException($"{csprojPath} is not one of our product projects");
    }

    /// <summary>Our projects reachable through ProjectReference, directly or through each other.</summary>
    private static IReadOnlySet<Layer> ClosureOf(Layer layer)
    {
        var found = new HashSet<Layer>();
        var pending = new Stack<string>(Project(layer).ProjectReferences);
        while (pending.TryPop(out var path))
        {
            File.Exists(path).ShouldBeTrue($"{Layers.ProjectName(layer)} (or a project it references) references a missing {path}");
            if (found.Add(LayerOfProject(path)))
            {
                foreach (var next in ProjectFile.Load(path).ProjectReferences)
                {
                    pending.Push(next);
                }
            }
        }

        return found;
    }

    [Fact]
    public void Every_product_project_is_one_of_the_known_layers_or_the_benchmark_tool_which_never_uses_the_server_or_the_cli()
    {
        var projects = RepoFiles.ProductProjects().Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var layer in Layers.All)
        {
            projects.ShouldContain(Layers.ProjectName(layer));
        }

        // The only other product project is the benchmark tool. It measures the domain (calendar), the engine core in
        // memory (engine) and, for the HTTP benchmark's raw-insert baseline, builds a database with the real migrations
        // (Persistence, which brings Application), and runs the SLA timers on the real Quartz store (Scheduling). It drives
        // the server only over HTTP: no Server or CLI.
        Layer[] benchMayUse = [Layer.Domain, Layer.Engine, Layer.Application, Layer.Persistence, Layer.Scheduling];
        foreach (var other in RepoFiles.ProductProjects().Where(p => Layers.FromProjectName(Path.GetFileNameWithoutExtension(p)) is null))
        {
            ProjectFile.Load(other).ProjectReferences.Select(Path.GetFileNameWithoutExtension)
                .ShouldAllBe(name => benchMayUse.Any(layer => name == Layers.ProjectName(layer)), other);
        }
    }

    [Fact]
    public void Nothing_references_the_benchmark_tool()
    {
        // A tool measures the product; the product (and the other tools) must never depend on it.
        var tools = RepoFiles.ProductProjects().Where(p => Layers.FromProjectName(Path.GetFileNameWithoutExtension(p)) is null)
            .Select(Path.GetFileNameWithoutExtension).ToList();
        tools.ShouldContain("Bpm.Bench");
        foreach (var project in RepoFiles.ProductProjects())
        {
            ProjectFile.Load(project).ProjectReferences.Select(Path.GetFileNameWithoutExtension)
                .ShouldAllBe(name => !tools.Contains(name), project);
        }
    }

    [Theory]
    [MemberData(nameof(Layers.Each), MemberType = typeof(Layers))]
    public void Project_references_go_one_way(Layer layer)
    {
        var closure = ClosureOf(layer);
        closure.ShouldNotContain(layer, "a project must not reach itself through its references");
        var forbidden = closure.Except(Layers.MayUse(layer)).ToList();
        forbidden.ShouldBeEmpty($"{Layers.ProjectName(layer)} reaches {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void The_expected_projects_are_actually_reached()
    {
        // Guards the closure itself: Persistence declares only Application but reaches Domain and Engine through it.
        ClosureOf(Layer.Persistence).Order().ShouldBe(new[] { Layer.Domain, Layer.Engine, Layer.Application }.Order());
        ClosureOf(Layer.Server).Order().ShouldBe(Layers.MayUse(Layer.Server).Order());
    }

    [Fact]
    public void The_CLI_never_reaches_the_server_or_scheduling()
    {
        var closure = ClosureOf(Layer.Cli);
        closure.ShouldNotContain(Layer.Server);
        closure.ShouldNotContain(Layer.Scheduling);
        Project(Layer.Cli).PackageReferences.ShouldNotContain(p => p.StartsWith("Quartz", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Only_scheduling_and_for_its_schema_scripts_persistence_declare_Quartz()
    {
        // Persistence: schema scripts only (the QuartzTables migration reads Quartz's embedded create scripts);
        // scheduling code stays in Bpm.Scheduling.
        Layer[] allowed = [Layer.Scheduling, Layer.Persistence];
        foreach (var layer in Layers.All.Except(allowed))
        {
            Project(layer).PackageReferences.ShouldNotContain(p => p.StartsWith("Quartz", StringComparison.OrdinalIgnoreCase), Layers.ProjectName(layer));
        }

        Project(Layer.Scheduling).PackageReferences.ShouldContain("Quartz");
    }

    [Fact]
    public void Domain_declares_no_package_assembly_or_framework_reference()
    {
        var domain = Project(Layer.Domain);
        domain.Sdk.ShouldBe("Microsoft.NET.Sdk");
        domain.ProjectReferences.ShouldBeEmpty();
        domain.PackageReferences.ShouldBeEmpty();
        domain.AssemblyReferences.ShouldBeEmpty();
        domain.FrameworkReferences.ShouldBeEmpty();
    }

    [Fact]
    public void Engine_declares_no_EF_Core_ASP_NET_Core_or_Quartz()
    {
        var engine = Project(Layer.Engine);
        engine.Sdk.ShouldBe("Microsoft.NET.Sdk"); // the Web SDK would bring ASP.NET Core in
        engine.ProjectReferences.ShouldBeEmpty();
        engine.PackageReferences.Where(Layers.IsInfrastructure).ShouldBeEmpty();
        engine.AssemblyReferences.Where(Layers.IsInfrastructure).ShouldBeEmpty();
        engine.FrameworkReferences.ShouldBeEmpty();
        // Besides Microsoft.Extensions.*, only Jint: Elsa definitions carry JavaScript expressions, and Jint 2.10.4 is the
        // one JavaScript engine on our registry (see the design's toolchain.md). It is a pure interpreter with no I/O.
        engine.PackageReferences.ShouldAllBe(p => Layers.IsExtensions(p) || p == "Jint", "the engine may use Microsoft.Extensions.* and Jint only");
    }

    [Fact]
    public void Application_declares_no_EF_Core_ASP_NET_Core_or_Quartz()
    {
        var application = Project(Layer.Application);
        application.Sdk.ShouldBe("Microsoft.NET.Sdk");
        application.PackageReferences.Where(Layers.IsInfrastructure).ShouldBeEmpty();
        application.AssemblyReferences.Where(Layers.IsInfrastructure).ShouldBeEmpty();
        application.FrameworkReferences.ShouldBeEmpty();
    }

    [Fact]
    public void Imports_are_followed()
    {
        // Guards the parser: Persistence gets its SQLite provider from src/build/Sqlite.Workaround.props.
        Project(Layer.Persistence).PackageReferences.ShouldContain("Microsoft.EntityFrameworkCore.Sqlite");
    }
}
