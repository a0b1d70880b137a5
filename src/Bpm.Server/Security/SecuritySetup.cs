using Bpm.Application.Audit;
using Bpm.Persistence;

namespace Bpm.Server.Security;

/// <summary>
/// Web and API protections: security headers, CORS closed except for the Studio origins (<c>Studio:AllowedOrigins</c>, on
/// <c>/elsa/api</c> only), body size limits, rate limits, and the audit settings (refused at start-up when invalid).
/// </summary>
public static class SecuritySetup
{
    public const string StudioCorsPolicy = "studio";

    public static IServiceCollection AddBpmSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // Audit:RetentionDays below 180 stops the start here, with the reason.
        PersistenceServices.CheckedAuditOptions(configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions());
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        services.AddSingleton(limits);
        var origins = configuration.GetSection("Studio:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(options => options.AddPolicy(StudioCorsPolicy, policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod();
            }
        }));
        services.AddBpmRateLimits(limits);
        return services;
    }

    public static WebApplication UseBpmSecurity(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<LimitsOptions>();
        app.UseBpmSecurityHeaders();
        app.UseBpmRequestSizeLimits(limits);
        app.UseBpmRequestCharsets();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Elsa.ElsaApi.Prefix), branch => branch.UseCors(StudioCorsPolicy));
        return app;
    }
}
