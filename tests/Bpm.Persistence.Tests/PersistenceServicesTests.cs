using Bpm.Application;
using Bpm.Application.Tasks;
using Bpm.Application.Workflows;
using Bpm.Engine;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests;

/// <summary>The EF stores replace the engine's in-memory ones whichever of AddBpmEngine and AddBpmPersistence runs first.</summary>
public sealed class PersistenceServicesTests
{
    public static TheoryData<bool> EngineFirst => new() { true, false };

    [Theory]
    [MemberData(nameof(EngineFirst))]
    public void The_database_stores_serve_the_engine_ports_in_either_order(bool engineFirst)
    {
        var services = new ServiceCollection();
        if (engineFirst)
        {
            services.AddBpmEngine();
        }

        services.AddBpmPersistence(new DatabaseOptions { ConnectionString = "Data Source=unused.db" });
        if (!engineFirst)
        {
            services.AddBpmEngine();
        }

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();
        var resolved = scope.ServiceProvider;

        resolved.GetRequiredService<IWorkflowDefinitionStore>().GetType().Name.ShouldBe("EfWorkflowDefinitionStore");
        resolved.GetRequiredService<IWorkflowInstanceStore>().GetType().Name.ShouldBe("EfWorkflowInstanceStore");
        resolved.GetRequiredService<IBookmarkStore>().GetType().Name.ShouldBe("EfBookmarkStore");
        resolved.GetRequiredService<ITimerScheduler>().ShouldBeOfType<InMemoryTimerScheduler>();
        resolved.GetRequiredService<IRequestTaskStore>().GetType().Name.ShouldBe("EfRequestTaskStore");
        resolved.GetRequiredService<IWorkflowJournalStore>().GetType().Name.ShouldBe("EfWorkflowJournalStore");
        resolved.GetRequiredService<IUnitOfWork>().GetType().Name.ShouldBe("EfUnitOfWork");
        services.Count(d => d.ServiceType == typeof(IWorkflowInstanceStore)).ShouldBe(1);
    }
}
