using System.Globalization;
using Bpm.Application.Collections;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Collections;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/collections</c>: the monthly collection (报送上月诉求及风险点). The list shows a month's tasks over the user's
/// subtree (the tax-service department sees who has not sent: <c>?status=Open</c>; a unit sees its own: <c>?mine=true</c>);
/// a handler of the unit submits with <c>POST /api/collections/{id}/submit</c>.
/// </summary>
public static class CollectionEndpoints
{
    public static RouteGroupBuilder MapCollectionEndpoints(this RouteGroupBuilder api)
    {
        var collections = api.MapGroup("/collections").WithTags("Collections");
        collections.MapGet("/", ListAsync).WithName("ListCollections")
            .WithSummary("A month's collection tasks of my subtree: month=2026-03 (default: this month), bureau=code, status=Open|Submitted, mine=true");
        collections.MapPost("/{id:guid}/submit", SubmitAsync).WithName("SubmitCollection").RequireAuthorization(BpmPolicies.Handler)
            .WithSummary("A handler of the unit sends last month's request count and risk points");
        return api;
    }

    public static async Task<Ok<CollectionListDto>> ListAsync(
        ICurrentUser user, MonthlyCollectionService service, TimeProvider time, string? month, string? bureau, string? status, bool? mine,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var parsedMonth = ParseMonth(month, errors);
        CollectionTaskStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<CollectionTaskStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                parsedStatus = s;
            }
            else
            {
                errors.Add(new FieldError("status", $"状态“{status}”无效：应为 Open 或 Submitted"));
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var overview = await service.ListAsync(user, bureau, parsedMonth, parsedStatus, cancellationToken);
        var now = time.GetUtcNow();
        var rows = overview.Rows.Where(r => mine != true || r.Task.UnitId == user.UnitId).Select(r => ToDto(r, now)).ToList();
        return TypedResults.Ok(new CollectionListDto(
            overview.Month.ToString(), rows.Count(r => r.Status == nameof(CollectionTaskStatus.Open)), rows.Count(r => r.Status == nameof(CollectionTaskStatus.Submitted)), rows));
    }

    public static async Task<Ok<CollectionTaskDto>> SubmitAsync(
        Guid id, CollectionSubmission body, ICurrentUser user, MonthlyCollectionService service, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var task = await service.SubmitAsync(user, id, body.RequestCount, body.RiskPoints, cancellationToken);
        var overview = await service.ListAsync(user, null, task.CollectionMonth, null, cancellationToken);
        var row = overview.Rows.Single(r => r.Task.Id == task.Id);
        return TypedResults.Ok(ToDto(row, time.GetUtcNow()));
    }

    /// <summary>"2026-03" → March 2026; empty → null (this month); anything else adds a reason for "month".</summary>
    public static CollectionMonth? ParseMonth(string? month, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(month))
        {
            return null;
        }

        if (DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first.Year is >= 2000 and <= 9998)
        {
            return CollectionMonth.Of(first);
        }

        errors.Add(new FieldError("month", $"月份“{month}”格式不正确，应为 yyyy-MM，例如 2026-03"));
        return null;
    }

    public static CollectionTaskDto ToDto(CollectionRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var t = row.Task;
        return new CollectionTaskDto(
            t.Id, row.BureauCode, row.BureauName, t.UnitId, row.UnitName, t.CollectionMonth.ToString(), t.CollectionMonth.Reported.ToString(), t.Title,
            t.OpensOn, t.DueDate, t.DueAt, t.Status.ToString(), t.IsLate(now), t.RequestCount, t.RiskPoints, t.SubmittedAt);
    }
}

/// <summary>What a unit sends: last month's request count (0 or more) and its risk points ("无" when none).</summary>
public sealed record CollectionSubmission(int? RequestCount, string? RiskPoints);

/// <summary>
/// A unit's collection task of a month: Month is the month of sending (2026-03), ReportedMonth the month reported on
/// (2026-02); due at DueAt (the cut-off of the 3rd working day); Late when sent (or still open) at or after it.
/// </summary>
public sealed record CollectionTaskDto(
    Guid Id, string Bureau, string BureauName, Guid UnitId, string UnitName, string Month, string ReportedMonth, string Title,
    DateOnly OpensOn, DateOnly DueDate, DateTimeOffset DueAt, string Status, bool Late, int? RequestCount, string? RiskPoints,
    DateTimeOffset? SubmittedAt);

public sealed record CollectionListDto(string Month, int Open, int Submitted, IReadOnlyList<CollectionTaskDto> Items);
