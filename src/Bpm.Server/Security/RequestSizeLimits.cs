using Microsoft.AspNetCore.Http.Features;

namespace Bpm.Server.Security;

/// <summary>
/// Body size limits (<see cref="LimitsOptions"/>): a declared Content-Length over the limit is refused at once with 413
/// ProblemDetails; a body without one (chunked) is cut off by the server at the limit, which also answers 413.
/// Example: a 2 MB JSON body to <c>POST /api/requests</c> → 413; a 2 MB workflow definition to <c>/elsa/api</c> → accepted.
/// </summary>
public static class RequestSizeLimits
{
    public static IApplicationBuilder UseBpmRequestSizeLimits(this IApplicationBuilder app, LimitsOptions limits) =>
        app.Use(async (context, next) =>
        {
            var limit = IsLarge(context.Request.Path) ? limits.MaxLargeBodyBytes : limits.MaxJsonBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "请求内容过大 (request body too large)",
                    detail: $"at most {limit} bytes").ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(context);
        });

    private static bool IsLarge(PathString path) =>
        path.StartsWithSegments(Elsa.ElsaApi.Prefix) || path.Value?.Contains("/import", StringComparison.OrdinalIgnoreCase) == true;
}
