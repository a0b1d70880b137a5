using System.Text.Json;
using Bpm.Application.Requests;
using Bpm.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Errors;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddBpmProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }
}

/// <summary>
/// Turns refused input into ProblemDetails that name the field and the reason, e.g. 400 with
/// <c>errors: { "contact": ["电话号码格式不正确 …"] }</c>; a lost race becomes 409; a form or upload that cannot be read
/// (multipart without boundary, a .zip that is not one) 400. Anything else stays a 500. The answer is ProblemDetails JSON
/// whatever the request's Accept header says.
/// </summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            DomainValidationException validation => new ValidationProblemDetails(
                validation.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "输入有误 (invalid input)",
            },
            DomainException domain => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [domain.Field ?? "request"] = [domain.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "业务规则不允许 (rule broken)",
                Extensions = { ["code"] = domain.Code },
            },
            BadHttpRequestException { InnerException: JsonException json } => UnreadableBody(json),
            // System.Text.Json builds a JsonObject body ({"a":1,"a":2}) and its dictionary refuses the second "a".
            ArgumentException when exception.StackTrace?.Contains("System.Text.Json", StringComparison.Ordinal) == true => new ValidationProblemDetails(
                new Dictionary<string, string[]> { ["body"] = ["JSON 成员重复 (a member appears twice)"] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "JSON格式错误 (malformed JSON)",
            },
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException or InvalidDataException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "请求内容格式错误 (malformed body)",
                Detail = "表单或上传内容无法读取（例如 multipart 缺少 boundary，或不是 zip 文件） (the form or upload could not be read)",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "请求无法处理 (bad request)",
                Detail = badRequest.Message,
            },
            ConcurrencyConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "已被他人修改 (changed by someone else)",
                Detail = conflict.Message,
            },
            DomainConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "与他人的操作冲突 (conflicts with what someone else did)",
                Detail = conflict.Message,
                Extensions = { ["code"] = conflict.Code },
            },
            Bpm.Application.NotFoundException missing => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "不存在 (not found)",
                Detail = missing.Message,
            },
            Bpm.Application.AccessDeniedException denied => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "无权操作 (forbidden)",
                Detail = denied.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (!await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            // The client's Accept rules JSON out (e.g. "Accept: application/xml"): answer ProblemDetails all the same, not a 500.
            await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        }

        return true;
    }

    /// <summary>
    /// A body System.Text.Json could not read, keyed by the JSON path without its <c>$.</c>, so that it
    /// matches the domain's field names: <c>"channel": "Fax"</c> → errors { "channel": [...] };
    /// <c>"receivedAt": 5</c> → "receivedAt"; broken syntax at the top level → "body". The serializer's own
    /// message is not shown: it names .NET types.
    /// </summary>
    private static ValidationProblemDetails UnreadableBody(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var malformed = json.InnerException is JsonException;
        var reason = malformed
            ? $"JSON格式错误 (malformed JSON at line {json.LineNumber + 1}, byte {json.BytePositionInLine})"
            : "值的类型或取值无效 (wrong type, or not one of the allowed values)";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = malformed ? "JSON格式错误 (malformed JSON)" : "输入有误 (invalid input)",
        };
    }
}
