using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bpm.Server.Security;

/// <summary>
/// Rate-limiting policies (ASP.NET Core's built-in limiter), answered with 429 ProblemDetails and <c>Retry-After</c> seconds.
/// <list type="bullet">
/// <item><see cref="SignIn"/>: per client IP address, Limits:SignInPerMinute (10) a minute; on the token endpoint and the web login.</item>
/// <item><see cref="Intake"/>: per API key (header <see cref="Bpm.Server.Intake.IntakeEndpoints.ApiKeyHeader"/>; else the signed-in user; else the client address),
/// Limits:IntakePerMinute (120) a minute. For <c>POST /api/intake/{channel}</c>: <c>.RequireRateLimiting(BpmRateLimits.Intake)</c>.</item>
/// </list>
/// </summary>
public static class BpmRateLimits
{
    public const string SignIn = "bpm-sign-in";

    public const string Intake = "bpm-intake";

    public static IServiceCollection AddBpmRateLimits(this IServiceCollection services, LimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => PerMinute(limits.SignInPerMinute)));
            options.AddPolicy(Intake, context => RateLimitPartition.GetFixedWindowLimiter(IntakeKey(context), _ => PerMinute(limits.IntakePerMinute)));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static string IntakeKey(HttpContext context) =>
        context.Request.Headers[Bpm.Server.Intake.IntakeEndpoints.ApiKeyHeader].ToString() is { Length: > 0 } key ? "key:" + key
        : context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name
        : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "请求过于频繁 (too many requests)",
            detail: $"请{seconds}秒后再试 (retry after {seconds} s)").ExecuteAsync(rejected.HttpContext);
    }
}
