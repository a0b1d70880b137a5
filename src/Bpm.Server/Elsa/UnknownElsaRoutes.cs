using System.Collections.Concurrent;

namespace Bpm.Server.Elsa;

/// <summary>
/// Answers a route under /elsa/api that Bpm does not serve with 404, and logs it once per verb and path
/// shape, e.g. <c>GET /elsa/api/resilience/strategies</c> is logged on its first call only; ids
/// (digits, GUIDs, 32-hex) collapse to <c>{id}</c> so one missing route is one log line.
/// </summary>
public sealed class UnknownElsaRoutes(ILogger<UnknownElsaRoutes> logger)
{
    private readonly ConcurrentDictionary<string, bool> seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The verb and path shapes seen so far, e.g. <c>GET /elsa/api/tests/activities</c>.</summary>
    public IReadOnlyCollection<string> Seen => seen.Keys.ToArray();

    public IResult Answer(HttpContext context)
    {
        var shape = $"{context.Request.Method} {Shape(context.Request.Path.Value ?? string.Empty)}";
        if (seen.TryAdd(shape, true))
        {
            logger.LogWarning("Elsa Studio called a route Bpm does not serve: {Route}", shape);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Bpm 不提供此 Elsa 接口 (route not served)",
            detail: shape);
    }

    /// <summary><c>/elsa/api/workflow-instances/8f3c…/export</c> → <c>/elsa/api/workflow-instances/{id}/export</c>.</summary>
    public static string Shape(string path) =>
        string.Join('/', path.Split('/').Select(segment => LooksLikeId(segment) ? "{id}" : segment));

    private static bool LooksLikeId(string segment) =>
        segment.Length > 0 && (segment.All(char.IsAsciiDigit) || Guid.TryParse(segment, out _) ||
                               (segment.Length >= 16 && segment.All(char.IsAsciiHexDigit)));
}
