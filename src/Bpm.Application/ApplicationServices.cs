using Bpm.Application.Requests;
using Bpm.Application.Workflows;
using Bpm.Application.Workflows.Activities;
using Bpm.Engine;
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
        return services;
    }
}
