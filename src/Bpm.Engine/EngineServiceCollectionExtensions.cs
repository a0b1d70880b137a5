using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;
using Bpm.Engine.Publishing;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bpm.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The engine with its built-in activities, the in-memory stores and timer scheduler (replace them by
    /// registering others first, e.g. EF stores), and the system clock unless a TimeProvider is registered.
    /// Domain activities are added in <paramref name="configure"/>: <c>r => r.Register&lt;HumanTask&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddBpmEngine(this IServiceCollection services, Action<ActivityRegistry>? configure = null)
    {
        var registry = new ActivityRegistry().RegisterBuiltIns();
        configure?.Invoke(registry);
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, RandomIdGenerator>();
        services.TryAddSingleton<IWorkflowOutputSink, StandardOutputSink>();
        services.TryAddSingleton<IWorkflowDefinitionStore, InMemoryWorkflowDefinitionStore>();
        services.TryAddSingleton<IWorkflowInstanceStore, InMemoryWorkflowInstanceStore>();
        services.TryAddSingleton<IBookmarkStore, InMemoryBookmarkStore>();
        services.TryAddSingleton<ITimerScheduler, InMemoryTimerScheduler>();
        services.AddSingleton<WorkflowGraphCompiler>();
        services.AddTransient<WorkflowRunner>();
        services.AddTransient<WorkflowDefinitionPublisher>();
        return services;
    }
}
