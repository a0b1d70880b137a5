using Bpm.Application.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application;

public static class ApplicationServices
{
    /// <summary>Registers the use cases; stores come from Bpm.Persistence, time from the host.</summary>
    public static IServiceCollection AddBpmApplication(this IServiceCollection services)
    {
        services.AddScoped<RequestRegistrationService>();
        return services;
    }
}
