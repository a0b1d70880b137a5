using System.Text;
using Microsoft.Net.Http.Headers;

namespace Bpm.Server.Security;

/// <summary>
/// A body whose Content-Type names a character set .NET does not know, e.g. <c>application/json; charset=klingon</c>, is
/// refused with 415 ProblemDetails before an endpoint tries to decode it (the JSON reader would throw, a 500).
/// <c>charset=utf-8</c>, <c>utf-16</c> or none pass.
/// </summary>
public static class RequestCharsets
{
    public static IApplicationBuilder UseBpmRequestCharsets(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media) && media.Charset.HasValue && !IsKnown(media.Charset.Value))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "不支持的字符集 (unsupported charset)",
                    detail: "请以 UTF-8 发送 (send the body as UTF-8)").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool IsKnown(string? charset)
    {
        try
        {
            Encoding.GetEncoding(charset?.Trim('"') ?? "");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
