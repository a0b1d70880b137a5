using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Library;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;
using Bpm.Server.WebUi.RequestList;

namespace Bpm.Server.Library;

/// <summary>One request of a taxpayer's profile: what it was, where it stands, how it ended and how the taxpayer rated it.</summary>
public sealed record TaxpayerRequestSummaryDto(
    Guid Id, string Number, Guid BureauId, string TaxpayerName, RequestType Type, RequestStatus Status, DateTimeOffset ReceivedAt,
    string Text, string? Outcome, string? Satisfaction, IReadOnlyList<string> Tags);

/// <summary>A tag and on how many of the taxpayer's requests it is.</summary>
public sealed record TagCountDto(string Name, int Count);

/// <summary>
/// 纳税人画像: every request of one taxpayer (by credit code) that the user may see, newest first, with counts by type, the tags
/// used and how often the taxpayer came back in the last 12 months (requests received in them, minus the first).
/// </summary>
public sealed record TaxpayerProfileDto(
    string CreditCode,
    string? TaxpayerName,
    int RequestCount,
    int RequestsInLast12Months,
    int RepeatsInLast12Months,
    IReadOnlyDictionary<RequestType, int> CountsByType,
    IReadOnlyList<TagCountDto> Tags,
    IReadOnlyList<TaxpayerRequestSummaryDto> Requests,
    bool Truncated);

/// <summary>
/// Builds taxpayer profiles within the user's bureau subtree; another bureau's requests never appear in them. Names show in
/// clear only to handlers and approvers (<see cref="Privacy.PersonalDataView"/>), and every profile read is an audit DataView
/// row naming the masked code: "taxpayer:9142**********1B3X".
/// </summary>
public sealed class TaxpayerProfiles(
    IBureauStore bureaus, ITaxpayerRequestStore requests, IRequestTaskStore tasks, ITagStore tags, TimeProvider time,
    Bpm.Application.Audit.IAuditTrail audit)
{
    /// <summary>A profile lists at most this many requests (the newest); the counts cover them.</summary>
    public const int MaxRequests = 500;

    /// <exception cref="DomainException">the credit code is not a valid 统一社会信用代码 (field creditCode).</exception>
    public async Task<TaxpayerProfileDto> OfAsync(string? creditCode, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = UnifiedSocialCreditCode.Parse(creditCode ?? "").Value;
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var filter = new TaxpayerRequestFilter { BureauIds = BureauScope.Below(tree, user.BureauId).BureauIds, CreditCode = code };
        var found = await requests.ListBatchAsync(filter, null, MaxRequests + 1, cancellationToken);
        var truncated = found.Count > MaxRequests;
        var listed = found.Take(MaxRequests).ToList();
        var ids = listed.Select(r => r.Id).ToList();
        var allTasks = (await tasks.ListByRequestsAsync(ids, cancellationToken)).ToLookup(t => t.RequestId);
        var allTags = await tags.ListByRequestsAsync(ids, cancellationToken);
        var now = time.GetUtcNow();
        var clear = Privacy.PersonalDataView.SeesClearOnRequest(user.Roles);
        string Shown(string name) => clear ? name : PersonalDataMask.Name(name);
        await audit.AppendAsync(
            new Bpm.Application.Audit.AuditEvent(
                Bpm.Domain.Audit.AuditKind.DataView, "taxpayer:" + PersonalDataMask.CreditCode(code),
                $"viewed taxpayer profile ({listed.Count} requests{(clear ? ", names in clear" : ", masked")})", user.BureauId),
            null, cancellationToken);
        var summaries = listed.Select(r =>
        {
            var progress = RequestProgress.Of(r, [.. allTasks[r.Id].OrderBy(t => t.OpenedAt)], now);
            return new TaxpayerRequestSummaryDto(
                r.Id, r.Number, r.BureauId, Shown(r.TaxpayerName), r.Type, r.Status, r.ReceivedAt, r.Text, progress.Outcome, progress.Satisfaction,
                [.. allTags.GetValueOrDefault(r.Id, []).Select(t => t.Name)]);
        }).ToList();
        var lastYear = summaries.Count(s => s.ReceivedAt >= now.AddMonths(-12) && s.ReceivedAt <= now);
        return new TaxpayerProfileDto(
            code,
            listed.FirstOrDefault() is { } newest ? Shown(newest.TaxpayerName) : null,
            summaries.Count,
            lastYear,
            Math.Max(0, lastYear - 1),
            summaries.GroupBy(s => s.Type).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            [.. summaries.SelectMany(s => s.Tags).GroupBy(t => t).Select(g => new TagCountDto(g.Key, g.Count()))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal)],
            summaries,
            truncated);
    }
}

/// <summary><c>GET /api/taxpayers/{creditCode}</c>: the taxpayer's profile within the user's subtree; an invalid code → 400 naming creditCode.</summary>
public static class TaxpayerEndpoints
{
    public static RouteGroupBuilder MapTaxpayerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/taxpayers/{creditCode}", GetAsync).WithTags("Taxpayers").WithName("GetTaxpayerProfile")
            .WithSummary("All requests of a taxpayer (credit code) in the user's subtree, newest first, with counts, tags and repeats")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<TaxpayerProfileDto>> GetAsync(
        string creditCode, ICurrentUser user, TaxpayerProfiles profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.OfAsync(creditCode, user, cancellationToken));
}
