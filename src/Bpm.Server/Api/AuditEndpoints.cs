using Bpm.Application.Audit;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Audit;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>One audit row as an audit-admin reads it.</summary>
public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset At, Guid? ActorUserId, string ActorName, Guid? BureauId, string Kind, string Subject, string Summary, string Hash)
{
    public static AuditEntryDto From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.At, entry.ActorUserId, entry.ActorName, entry.BureauId, entry.Kind.ToString(), entry.Subject, entry.Summary, entry.Hash);
    }
}

public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Total, int Page, int PageSize);

/// <summary>Query of <c>GET /api/audit</c>, e.g. <c>?kind=SignInFailed&amp;from=2026-03-01T00:00:00Z&amp;page=2</c>.</summary>
public sealed record AuditListQuery(string? Kind, DateTimeOffset? From, DateTimeOffset? To, string? Subject, Guid? ActorUserId, int? Page, int? PageSize);

/// <summary>
/// 审计管理员 only (三权分立): <c>GET /api/audit</c> (the audit log of the user's bureau subtree, newest first, paged) and
/// <c>GET /api/requests/{id}/access-log</c> (PIPL: who opened the request and when). Read-only: no route, for any role, edits
/// or deletes audit rows. A request outside the subtree answers 404 like a missing one.
/// </summary>
public static class AuditEndpoints
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireAuthorization(BpmPolicies.AuditAdmin).WithTags("Audit").WithName("ListAudit")
            .WithSummary("The audit log of the user's bureau subtree, newest first").ProducesValidationProblem();
        api.MapGet("/requests/{id:guid}/access-log", AccessLogAsync).RequireAuthorization(BpmPolicies.AuditAdmin).WithTags("Audit")
            .WithName("GetRequestAccessLog").WithSummary("Who viewed the request and when (PIPL access log)").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<AuditPageDto>> ListAsync(
        [AsParameters] AuditListQuery query, ICurrentUser user, IBureauStore bureaus, IAuditLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        AuditKind? kind = null;
        if (!string.IsNullOrEmpty(query.Kind))
        {
            if (Enum.TryParse<AuditKind>(query.Kind, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            {
                kind = parsed;
            }
            else
            {
                errors.Add(new FieldError("kind", $"未知的审计类别，可选：{string.Join(", ", Enum.GetNames<AuditKind>())}"));
            }
        }

        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 50;
        if (page < 1)
        {
            errors.Add(new FieldError("page", "页码从1开始"));
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new FieldError("pageSize", $"每页1–{MaxPageSize}条"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var found = await log.QueryAsync(
            new AuditQuery([.. tree.Subtree(user.BureauId).Select(b => b.Id)], query.From, query.To, kind, query.Subject, query.ActorUserId, page, pageSize),
            cancellationToken);
        return TypedResults.Ok(new AuditPageDto([.. found.Entries.Select(AuditEntryDto.From)], found.Total, page, pageSize));
    }

    public static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> AccessLogAsync(
        Guid id, int? page, ICurrentUser user, IBureauStore bureaus, ITaxpayerRequestStore requests, IAuditLog log, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var request = await requests.FindAsync(id, cancellationToken);
        if (request is null || !BureauScope.Below(tree, user.BureauId).Contains(request.BureauId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "诉求不存在 (no such request)", detail: $"id {id}");
        }

        var current = Math.Max(1, page ?? 1);
        var found = await log.QueryAsync(
            new AuditQuery([request.BureauId], Kind: AuditKind.DataView, Subject: AuditEvent.RequestSubject(request.Id), Page: current, PageSize: MaxPageSize),
            cancellationToken);
        return TypedResults.Ok(new AuditPageDto([.. found.Entries.Select(AuditEntryDto.From)], found.Total, current, MaxPageSize));
    }
}
