using Bpm.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bpm.Server.Health;

public static class HealthEndpoints
{
    /// <summary><c>GET /health</c>: 200 {"status":"Healthy",…} when the database answers, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapBpmHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync });
        return endpoints;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}

internal sealed class DatabaseHealthCheck(BpmDbContext db, DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{options.Provider} reachable")
            : HealthCheckResult.Unhealthy($"{options.Provider} unreachable");
}
