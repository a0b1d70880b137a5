using Bpm.Application.Collections;

namespace Bpm.Server.Hosting;

public static class PeriodicDutiesSetup
{
    /// <summary>The <c>PeriodicDuties</c> section (collection opening time, working days, interval), defaults when absent.</summary>
    public static IServiceCollection AddBpmPeriodicDuties(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PeriodicDutiesOptions.Section).Get<PeriodicDutiesOptions>() ?? new PeriodicDutiesOptions();
        if (options.CollectionWorkingDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), options.CollectionWorkingDays, "PeriodicDuties:CollectionWorkingDays must be 1 or more");
        }

        services.AddSingleton(options);
        return services;
    }
}
