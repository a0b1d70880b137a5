using Bpm.Application.Administration;
using Bpm.Application.Requests;
using Bpm.Application.Workflows;
using Bpm.Application.Workflows.Activities;
using Bpm.Application.Workflows.Definitions;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Engine;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application;

public static class ApplicationServices
{
    /// <summary>
    /// The use cases and the workflow engine with the Bpm activities. The engine's in-memory stores are
    /// placeholders: Bpm.Persistence replaces them (call AddBpmPersistence after this).
    /// </summary>
    public static IServiceCollection AddBpmApplication(this IServiceCollection services)
    {
        services.AddBpmEngine(registry => registry.RegisterAll(typeof(HumanTask).Assembly));
        services.AddScoped<RequestRegistrationService>();
        services.AddScoped<RequestIntakeService>();
        services.AddScoped<RequestWorkflowContext>();
        services.AddScoped<RequestWorkflowService>();
        services.AddScoped<WorkflowCatalog>();
        services.AddSingleton<WorkflowGraphCache>();
        services.AddScoped<WorkflowDefinitionEditing>();
        services.AddSingleton<DefinitionWriteGate>();
        services.AddScoped<SlaTimerPlanner>();
        services.AddScoped<SlaAlarmEffects>();
        services.AddScoped<DueTimerBatch>();
        services.AddSingleton<DueTimerProcessor>();
        services.AddScoped<IBookmarkResumer, WorkflowTimerResumer>();
        services.AddScoped<TaskAccess>();
        services.AddScoped<Workflows.Instances.WorkflowInstanceAccess>();
        services.AddScoped<TaskDeadlineService>();
        services.AddScoped<RequestNoteService>();
        services.AddScoped<DeadlineReplanBatch>();
        services.AddSingleton<DeadlineReplanner>();
        services.AddScoped<SlaAdministrationService>();
        services.AddScoped<CalendarAdministrationService>();

        // Workflow timers go to the outbox with the run that asked for them (replaces the engine's in-memory scheduler).
        services.Replace(ServiceDescriptor.Scoped<ITimerScheduler, OutboxTimerScheduler>());
        return services;
    }
}
