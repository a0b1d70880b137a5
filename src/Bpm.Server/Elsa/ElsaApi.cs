using Bpm.Server.Elsa.Instances;
using Bpm.Server.Hosting;

namespace Bpm.Server.Elsa;

/// <summary>
/// <c>/elsa/api</c>: the server side of Elsa Studio 3.8.2's contract (../shared/design/elsa-contract.md).
/// Every route needs a signed-in user; Studio sends the user's token as <c>Authorization: Bearer …</c>.
/// Each feature maps its own routes onto the group (definitions, descriptors, instances).
/// </summary>
public static class ElsaApi
{
    public const string Prefix = "/elsa/api";

    public static IServiceCollection AddElsaApi(this IServiceCollection services)
    {
        services.AddSingleton<UnknownElsaRoutes>();
        services.AddScoped<Instances.ElsaInstanceReader>();
        return services;
    }

    public static WebApplication MapElsaApi(this WebApplication app)
    {
        var elsa = app.MapGroup(Prefix).RequireAuthorization().ExcludeFromDescription();

        // Feature routes are added here, one extension method per feature.
        elsa.MapElsaInstanceEndpoints();

        // Anything Studio asks for that we do not serve: a 404 ProblemDetails, and a warning the first time, so gaps show in the log.
        elsa.MapFallback("{**path}", (HttpContext context, UnknownElsaRoutes unknown) => unknown.Answer(context));
        return app;
    }
}
