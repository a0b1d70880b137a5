using System.Text;
using System.Text.Json;
using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Library;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Server.Api;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Library;

/// <summary>
/// <c>/api/library</c>: the typical-case and standard-answer library. A handler proposes from a closed request (400 while it is
/// open); an approver publishes or rejects (a handler gets 403); search and export read published items of the user's bureau,
/// its ancestors and its subtree. <c>/api/requests/{id}/suggested-answers</c>: the published items offered for a request.
/// </summary>
public static class LibraryEndpoints
{
    public static RouteGroupBuilder MapLibraryEndpoints(this RouteGroupBuilder api)
    {
        var library = api.MapGroup("/library").WithTags("Library");
        library.MapPost("/", ProposeAsync).RequireAuthorization(BpmPolicies.Handler).WithName("ProposeLibraryEntry")
            .WithSummary("Proposes a closed request as a typical case or standard answer").ProducesValidationProblem();
        library.MapGet("/", SearchAsync).WithName("SearchLibrary")
            .WithSummary("Items by text (substring or similarity), tag, kind, type and status (default Published)").ProducesValidationProblem();
        library.MapGet("/export", ExportAsync).WithName("ExportLibrary")
            .WithSummary("Published items as JSON or Markdown (format=json|markdown, bureau=…, kind=…)").ProducesValidationProblem();
        library.MapGet("/{id:guid}", GetAsync).WithName("GetLibraryEntry");
        library.MapPost("/{id:guid}/publish", PublishAsync).RequireAuthorization(BpmPolicies.Approver).WithName("PublishLibraryEntry");
        library.MapPost("/{id:guid}/reject", RejectAsync).RequireAuthorization(BpmPolicies.Approver).WithName("RejectLibraryEntry")
            .ProducesValidationProblem();
        api.MapGet("/requests/{id:guid}/suggested-answers", SuggestAsync).WithTags("Library").WithName("SuggestedAnswers")
            .WithSummary($"Up to {LibraryService.MaxSuggestions} published items of the request's type whose question is similar (score ≥ {LibraryService.SuggestionThreshold})");
        return api;
    }

    public static async Task<Created<LibraryEntryDto>> ProposeAsync(
        ProposeLibraryEntryBody body, ICurrentUser user, ITaxpayerRequestStore requests, SourceAnswer source, LibraryService library,
        IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var missing = new List<FieldError>();
        if (body.SourceRequestId is null)
        {
            missing.Add(new FieldError("sourceRequestId", "来源诉求不能为空 (sourceRequestId is required)"));
        }

        if (body.Kind is null)
        {
            missing.Add(new FieldError("kind", "类别不能为空：TypicalCase（典型案例）或 StandardAnswer（标准答复）"));
        }

        if (missing.Count > 0)
        {
            throw new DomainValidationException(missing);
        }

        var sourceId = body.SourceRequestId.GetValueOrDefault();
        var request = await requests.FindAsync(sourceId, cancellationToken);
        var draft = await source.CompleteAsync(
            new LibraryDraft(body.Kind.GetValueOrDefault(), body.Title, body.Question, body.Answer, body.PolicyBasis, body.Tags), request, cancellationToken);
        var entry = await unitOfWork.InTransactionAsync(ct => library.ProposeAsync(sourceId, draft, user, ct), cancellationToken);
        return TypedResults.Created($"/api/library/{entry.Id}", LibraryEntryDto.From(entry));
    }

    public static async Task<Ok<IReadOnlyList<LibraryEntryDto>>> SearchAsync(
        ICurrentUser user, LibraryService library, CancellationToken cancellationToken,
        string? q = null, string? tag = null, string? kind = null, string? type = null, string? status = null, string? bureau = null)
    {
        var query = Query(q, tag, kind, type, status, bureau);
        var found = await library.SearchAsync(query, user, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<LibraryEntryDto>>([.. found.Select(m => LibraryEntryDto.From(m.Entry))]);
    }

    public static async Task<Ok<LibraryEntryDto>> GetAsync(Guid id, ICurrentUser user, LibraryService library, CancellationToken cancellationToken) =>
        TypedResults.Ok(LibraryEntryDto.From(await library.FindAsync(id, user, cancellationToken)));

    public static async Task<Ok<LibraryEntryDto>> PublishAsync(
        Guid id, ICurrentUser user, LibraryService library, IUnitOfWork unitOfWork, CancellationToken cancellationToken) =>
        TypedResults.Ok(LibraryEntryDto.From(await unitOfWork.InTransactionAsync(ct => library.PublishAsync(id, user, ct), cancellationToken)));

    public static async Task<Ok<LibraryEntryDto>> RejectAsync(
        Guid id, RejectLibraryEntryBody body, ICurrentUser user, LibraryService library, IUnitOfWork unitOfWork, CancellationToken cancellationToken) =>
        TypedResults.Ok(LibraryEntryDto.From(await unitOfWork.InTransactionAsync(ct => library.RejectAsync(id, body?.Reason, user, ct), cancellationToken)));

    public static async Task<Ok<IReadOnlyList<SuggestedAnswerDto>>> SuggestAsync(
        Guid id, ICurrentUser user, LibraryService library, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<SuggestedAnswerDto>>(
            [.. (await library.SuggestAsync(id, user, cancellationToken)).Select(m => new SuggestedAnswerDto(LibraryEntryDto.From(m.Entry), Math.Round(m.Score, 3)))]);

    /// <summary>format=json (default) → a JSON array; format=markdown → text/markdown grouped by request type. Published items only.</summary>
    public static async Task<IResult> ExportAsync(
        ICurrentUser user, LibraryService library, IOptions<JsonOptions> json, CancellationToken cancellationToken,
        string? format = null, string? bureau = null, string? kind = null)
    {
        var errors = new List<FieldError>();
        var markdown = (format?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "json" => false,
            "markdown" or "md" => true,
            _ => Refuse(errors, "format", $"导出格式应为 json 或 markdown (got “{format}”)"),
        };
        var query = Query(null, null, kind, null, null, bureau, errors);
        var entries = (await library.SearchAsync(query, user, cancellationToken)).Select(m => m.Entry).ToList();
        if (markdown)
        {
            return TypedResults.Text(LibraryExport.Markdown(entries, "典型案例与标准答复口径"), "text/markdown; charset=utf-8", Encoding.UTF8);
        }

        var body = JsonSerializer.Serialize(entries.Select(LibraryEntryDto.From).ToList(), json.Value.SerializerOptions);
        return TypedResults.Text(body, "application/json; charset=utf-8", Encoding.UTF8);
    }

    /// <exception cref="DomainValidationException">a parameter is malformed (named).</exception>
    internal static LibraryQuery Query(
        string? q, string? tag, string? kind, string? type, string? status, string? bureau, List<FieldError>? errors = null)
    {
        errors ??= [];
        Guid? bureauId = null;
        if (!string.IsNullOrWhiteSpace(bureau))
        {
            if (Guid.TryParse(bureau.Trim(), out var parsed))
            {
                bureauId = parsed;
            }
            else
            {
                errors.Add(new FieldError("bureau", $"不是有效的机构标识 (expected a bureau id, got “{bureau}”)"));
            }
        }

        if (q is { Length: > 200 })
        {
            errors.Add(new FieldError("q", "查询内容不能超过200个字符"));
        }

        var query = new LibraryQuery(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(),
            QueryText.Enum<LibraryEntryKind>(errors, "kind", kind),
            QueryText.Enum<RequestType>(errors, "type", type),
            QueryText.Enum<LibraryEntryStatus>(errors, "status", status),
            bureauId);
        return errors.Count == 0 ? query : throw new DomainValidationException(errors);
    }

    private static bool Refuse(List<FieldError> errors, string field, string reason)
    {
        errors.Add(new FieldError(field, reason));
        return false;
    }
}
