using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Application.Bureaus;
using Bpm.Application.Intake;
using Bpm.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Bpm.Server.Security;

namespace Bpm.Server.Intake;

/// <summary>What a channel system gets back, the same on the first post (201) and on every retry (200).</summary>
public sealed record IntakeAcceptedDto(Guid RequestId, string Number, string Channel, string IdempotencyKey, DateTimeOffset ReceivedAt, DateTimeOffset RegisteredAt);

/// <summary>One refused field: the channel's name for it, ours, and why.</summary>
public sealed record IntakeFieldErrorDto(string Field, string Ours, string Reason);

/// <summary>
/// <c>POST /api/intake/{channel}</c> for hotline and platform systems (12366, 12345, 征纳互动, website, WeChat). Signed in by the
/// channel's <c>X-Api-Key</c>, not by a user; <c>Idempotency-Key</c> makes a retry safe: the first post answers 201, a retry
/// with the same key and fields 200 with the same body and <c>Idempotent-Replayed: true</c>, the same key with other fields
/// 422. Unknown channel 404, missing or wrong key (or another channel's) 401, bad fields 400 naming the channel's field.
/// </summary>
public static class IntakeEndpoints
{
    public const string Path = "/api/intake/{channel}";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>A field sent twice (<c>{"nsrmc":"甲","nsrmc":"乙"}</c>) is malformed JSON here: 400, not a guess.</summary>
    private static readonly JsonDocumentOptions SingleMembers = new() { AllowDuplicateProperties = false };

    public static IServiceCollection AddBpmIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection(IntakeOptions.Section));
        return services;
    }

    public static IEndpointRouteBuilder MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, AcceptAsync)
            .AllowAnonymous()
            .RequireRateLimiting(BpmRateLimits.Intake)
            .WithTags("Intake")
            .WithName("ChannelIntake")
            .WithSummary("Registers a request sent by a channel system (API key per channel, Idempotency-Key required)")
            .Produces<IntakeAcceptedDto>(StatusCodes.Status201Created)
            .Produces<IntakeAcceptedDto>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> AcceptAsync(
        string channel,
        HttpContext http,
        IOptions<IntakeOptions> settings,
        IBureauStore bureaus,
        ChannelIntakeService intake,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (settings.Value.Find(channel) is not { } options)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这个接入渠道 (no such intake channel)", detail: channel);
        }

        if (!options.Accepts(http.Request.Headers[ApiKeyHeader].ToString()))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API密钥缺失或无效 (missing or wrong X-Api-Key)",
                detail: $"请在 {ApiKeyHeader} 请求头中提供本渠道（{channel}）的API密钥");
        }

        var idempotencyKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (!IntakeReceipt.IsValidKey(idempotencyKey))
        {
            return Invalid(
                "缺少或无效的幂等键 (Idempotency-Key required)",
                [new IntakeFieldErrorDto(IdempotencyKeyHeader, IdempotencyKeyHeader, $"{IdempotencyKeyHeader} 请求头必填，1–{IntakeReceipt.MaxKeyLength}个可打印ASCII字符（如 12366-20261120-000731）")]);
        }

        JsonObject body;
        try
        {
            if (await JsonNode.ParseAsync(http.Request.Body, documentOptions: SingleMembers, cancellationToken: cancellationToken) is not JsonObject parsed)
            {
                return Invalid("请求体应为JSON对象 (a JSON object is required)", [new IntakeFieldErrorDto("body", "body", "请求体应为JSON对象")]);
            }

            body = parsed;
        }
        catch (JsonException malformed)
        {
            return Invalid(
                "JSON格式错误 (malformed JSON)",
                [new IntakeFieldErrorDto("body", "body", $"JSON格式错误 (line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine})")]);
        }

        var mapping = new ChannelFieldMapping(channel, options);
        try
        {
            var tree = await bureaus.LoadTreeAsync(cancellationToken);
            var post = await mapping.MapAsync(body, tree, bureaus, time.GetUtcNow(), cancellationToken);
            var outcome = await intake.AcceptAsync(options.Channel, idempotencyKey, post.BodyHash, post.BureauId, post.Registration, cancellationToken);
            var request = outcome.Request;
            var accepted = new IntakeAcceptedDto(request.Id, request.Number, channel.ToLowerInvariant(), idempotencyKey, request.ReceivedAt, request.RegisteredAt);
            if (outcome.Replayed)
            {
                http.Response.Headers[ReplayedHeader] = "true";
                return TypedResults.Ok(accepted);
            }

            return TypedResults.Created($"/api/requests/{request.Id}", accepted);
        }
        catch (DomainValidationException invalid)
        {
            return Invalid(
                "输入有误 (invalid input)",
                [.. invalid.Errors.Select(e => new IntakeFieldErrorDto(mapping.ExternalNameOfReported(e.Field), e.Field, e.Reason))]);
        }
        catch (IdempotencyKeyReusedException reused)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key 已用于另一个诉求",
                detail: reused.Message,
                extensions: new Dictionary<string, object?> { ["requestNumber"] = reused.RequestNumber });
        }
    }

    /// <summary>400 keyed by the channel's field names, e.g. errors { "sqrmc": ["纳税人名称不能为空"] }, and each with ours under "fields".</summary>
    private static IResult Invalid(string title, IReadOnlyList<IntakeFieldErrorDto> fields) =>
        TypedResults.Problem(new ValidationProblemDetails(fields.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Reason).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Extensions = { ["fields"] = fields },
        });
}
