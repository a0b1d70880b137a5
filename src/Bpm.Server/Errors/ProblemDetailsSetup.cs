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
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }
}

/// <summary>
/// Turns refused input into ProblemDetails that name the field and the reason, e.g. 400 with
/// <c>errors: { "contact": ["电话号码格式不正确 …"] }</c>; a lost race becomes 409. Anything else stays a 500.
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
            ConcurrencyConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "已被他人修改 (changed by someone else)",
                Detail = conflict.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
