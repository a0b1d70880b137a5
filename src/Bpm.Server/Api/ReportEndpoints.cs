using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Reports;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Reports;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/reports</c> for analysts and administrators of a subtree: the quarterly report made on demand
/// (<c>GET /api/reports/quarterly.xlsx?bureau=xiantao&amp;year=2026&amp;quarter=3</c>), the reports the schedule stored
/// (<c>GET /api/reports</c>) and one of them (<c>GET /api/reports/{id}</c>). A bureau or report outside the subtree: 404.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(nameof(Roles.Analyst), nameof(Roles.Administrator)));
        reports.MapGet("/quarterly.xlsx", QuarterlyAsync).WithName("QuarterlyReport")
            .WithSummary("The quarterly report (.xlsx) of a bureau's subtree: bureau=code (default: mine), year, quarter=1..4");
        reports.MapGet("/", ListAsync).WithName("ListGeneratedReports").WithSummary("The quarterly reports the schedule stored for my subtree");
        reports.MapGet("/{id:guid}", DownloadAsync).WithName("GeneratedReport").WithSummary("One stored report (.xlsx)");
        return api;
    }

    public static async Task<FileContentHttpResult> QuarterlyAsync(
        ICurrentUser user, IBureauStore bureaus, QuarterlyReportService reports, string? bureau, int? year, int? quarter,
        CancellationToken cancellationToken)
    {
        var errors = new List<Domain.FieldError>();
        if (year is null)
        {
            errors.Add(new Domain.FieldError("year", "年份必须填写，例如 2026"));
        }

        if (quarter is null)
        {
            errors.Add(new Domain.FieldError("quarter", "季度必须填写，为 1–4"));
        }

        if (errors.Count > 0)
        {
            throw new Domain.DomainValidationException(errors);
        }

        var period = new ReportQuarter(year!.Value, quarter!.Value);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = BureauOf(tree, user, bureau);
        var content = await reports.ExportAsync(tree, target.Id, period, cancellationToken);
        return TypedResults.File(content, QuarterlyReportWorkbook.ContentType, QuarterlyReportService.FileNameOf(target, period));
    }

    public static async Task<Ok<IReadOnlyList<GeneratedReportDto>>> ListAsync(
        ICurrentUser user, IBureauStore bureaus, IGeneratedReportStore reports, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var scope = BureauScope.Below(tree, user.BureauId);
        var found = await reports.ListAsync(scope.BureauIds, cancellationToken);
        IReadOnlyList<GeneratedReportDto> items = [.. found.Select(r => new GeneratedReportDto(
            r.Id, tree[r.BureauId].Code, tree[r.BureauId].Name, r.Year, r.Quarter, r.FileName, r.Size, r.CreatedAt, $"/api/reports/{r.Id}"))];
        return TypedResults.Ok(items);
    }

    public static async Task<FileContentHttpResult> DownloadAsync(
        Guid id, ICurrentUser user, IBureauStore bureaus, IGeneratedReportStore reports, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var report = await reports.FindAsync(id, cancellationToken);
        if (report is null || !BureauScope.Below(tree, user.BureauId).Contains(report.BureauId))
        {
            throw new NotFoundException($"报告不存在：{id}");
        }

        return TypedResults.File(report.Content, QuarterlyReportWorkbook.ContentType, report.FileName);
    }

    /// <summary>The bureau by code (default: the user's own); unknown or outside the user's subtree → 404.</summary>
    private static Bureau BureauOf(BureauTree tree, ICurrentUser user, string? code)
    {
        var bureau = string.IsNullOrWhiteSpace(code) ? (tree.Contains(user.BureauId) ? tree[user.BureauId] : null) : tree.FindByCode(code.Trim());
        if (bureau is null || !BureauScope.Below(tree, user.BureauId).Contains(bureau.Id))
        {
            throw new NotFoundException($"税务机关不存在或不在您的管辖范围内：{code}");
        }

        return bureau;
    }
}

/// <summary>A stored quarterly report; Download is its address.</summary>
public sealed record GeneratedReportDto(
    Guid Id, string Bureau, string BureauName, int Year, int Quarter, string FileName, int Size, DateTimeOffset CreatedAt, string Download);
