using System.Globalization;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;
using Bpm.Server.Web;
using Bpm.Server.WebUi.Components;
using Bpm.Server.WebUi.Layout;
using Bpm.Server.WebUi.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Bpm.Server.WebUi.RequestList;

/// <summary>
/// <c>GET /requests/ledger.xlsx?&lt;the list's filters&gt;</c>: the ledger (台账) of every matching request of the user's
/// subtree, no paging, as an .xlsx with every registration field, the deadlines, the outcome, the feedback and the
/// revisit. Same sign-in (web cookie), roles and filters as the list; a bureau outside the subtree answers 404, a
/// malformed filter 400 naming it. Requests are read 500 at a time by key and written row by row to a temporary file,
/// so 100,000 rows never sit in memory.
/// Name, contact and credit code are masked (张*三, 138****5678, 9142**********1B3X); <c>clear=true</c> writes them in clear,
/// for approvers only (others get 403), and leaves an audit DataView row naming the exporter, the filters and the row count.
/// </summary>
public static class LedgerExport
{
    public const string Path = "/requests/ledger.xlsx";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int BatchSize = 500;

    public static IEndpointRouteBuilder MapRequestLedger(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { Policy = WebSignIn.SignedInPolicy, Roles = UiRoles.Readers })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The ledger address for the list's filters, e.g. "/requests/ledger.xlsx?type=Policy".</summary>
    public static string For(RequestListCriteria criteria) => Path + criteria.FilterQuery();

    private static async Task<IResult> ExportAsync(
        [AsParameters] RequestListCriteria criteria,
        HttpContext context,
        ICurrentUser user,
        IBureauStore bureaus,
        ITaxpayerRequestStore requests,
        IRequestTaskStore tasks,
        IStringLocalizer<RequestListText> text,
        IStringLocalizer<RegisterText> names,
        Bpm.Application.Audit.IAuditTrail audit,
        TimeProvider time,
        CancellationToken cancellationToken,
        bool clear = false)
    {
        if (clear && !Bpm.Server.Privacy.PersonalDataView.MayExportClear(user.Roles))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只有审批人可以导出明文个人信息 (clear export: approvers only)");
        }

        var now = time.GetUtcNow();
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var resolution = criteria with { Page = null };
        var resolved = resolution.Resolve(tree, user.BureauId, now);
        if (resolved.OutsideScope)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "税务机关不存在或不在您的管辖范围内");
        }

        if (resolved.Filter is not { } filter)
        {
            return TypedResults.ValidationProblem(
                resolved.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
                title: "查询条件有误");
        }

        var file = new FileStream(
            System.IO.Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var handedOver = false;
        try
        {
            var writer = new LedgerRows(tree, bureaus, text, names, now, clear);
            var rows = 0;
            using (var workbook = LedgerWorkbook.Create(file, text["LedgerSheet"], writer.Columns))
            {
                RequestListCursor? cursor = null;
                while (true)
                {
                    var batch = await requests.ListBatchAsync(filter, cursor, BatchSize, cancellationToken);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    var taskList = await tasks.ListByRequestsAsync([.. batch.Select(r => r.Id)], cancellationToken);
                    var byRequest = taskList.ToLookup(t => t.RequestId);
                    foreach (var request in batch)
                    {
                        workbook.WriteRow(await writer.RowAsync(request, [.. byRequest[request.Id]], cancellationToken));
                        rows++;
                    }

                    cursor = RequestListCursor.After(batch[^1]);
                }

                workbook.Finish();
            }

            if (clear)
            {
                await audit.AppendAsync(
                    new Bpm.Application.Audit.AuditEvent(
                        Bpm.Domain.Audit.AuditKind.DataView, "ledger:" + user.BureauId.ToString("D"),
                        $"web: exported the ledger with personal data in clear ({rows} requests; filters {(criteria.FilterQuery() is { Length: > 0 } query ? query : "none")})",
                        user.BureauId),
                    null, cancellationToken);
            }

            file.Position = 0;
            var localDay = tree.ClockOf(user.BureauId).LocalDate(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            handedOver = true; // the response disposes (and so deletes) the file once sent
            return TypedResults.File(file, ContentType, $"{text["LedgerFile"]}-{localDay}.xlsx");
        }
        finally
        {
            if (!handedOver)
            {
                await file.DisposeAsync();
            }
        }
    }

    /// <summary>One ledger row per request: the columns in order, texts in the UI language, instants in the bureau's local time.</summary>
    private sealed class LedgerRows(
        BureauTree tree, IBureauStore bureaus, IStringLocalizer<RequestListText> text, IStringLocalizer<RegisterText> names, DateTimeOffset now, bool clear)
    {
        private readonly Dictionary<Guid, IReadOnlyDictionary<Guid, string>> _unitNames = [];

        public IReadOnlyList<LedgerColumn> Columns { get; } =
        [
            new(text["ColNumber"], 18), new(text["ColBureau"], 24), new(text["ColReceived"], 18), new(text["ColRegistered"], 18),
            new(text["ColTaxpayer"], 30), new(text["ColCreditCode"], 22), new(text["ColContact"], 18), new(text["ColContactKind"], 10),
            new(text["ColIndustry"], 16), new(text["ColSize"], 12), new(text["ColOperatingStatus"], 10), new(text["ColChannel"], 22),
            new(text["ColType"], 14), new(text["ColCategory"], 16), new(text["ColText"], 50), new(text["ColReceivingUnit"], 18),
            new(text["ColReceivingOfficer"], 10), new(text["ColStatus"], 14), new(text["ColDue"], 18), new(text["ColHandlingDue"], 14),
            new(text["ColOverdue"], 8), new(text["ColClosed"], 18), new(text["ColOutcome"], 50), new(text["ColFeedbackMethod"], 10),
            new(text["ColFeedback"], 40), new(text["ColFeedbackAt"], 18), new(text["ColSatisfaction"], 12), new(text["ColRevisitMethod"], 12),
            new(text["ColRevisitNote"], 30),
        ];

        public async Task<string?[]> RowAsync(TaxpayerRequest request, IReadOnlyList<Bpm.Domain.Tasks.RequestTask> tasks, CancellationToken cancellationToken)
        {
            var clock = tree.ClockOf(request.BureauId);
            var progress = RequestProgress.Of(request, tasks, now);
            string? Local(DateTimeOffset? instant) => instant is { } at ? UiFormat.Local(at, clock) : null;
            var units = await UnitNamesAsync(request.BureauId, cancellationToken);
            return
            [
                request.Number,
                tree.Contains(request.BureauId) ? tree[request.BureauId].Name : null,
                Local(request.ReceivedAt),
                Local(request.RegisteredAt),
                clear ? request.TaxpayerName : PersonalDataMask.Name(request.TaxpayerName),
                clear ? request.CreditCode : PersonalDataMask.CreditCode(request.CreditCode),
                clear ? request.Contact : PersonalDataMask.Contact(request.Contact),
                names[$"Contact_{request.ContactKind}"],
                request.Industry,
                request.Size is { } size ? names[$"Size_{size}"].Value : null,
                request.OperatingStatus is { } status ? names[$"Operating_{status}"].Value : null,
                request.Channel.ChineseName(),
                request.Type.ChineseName(),
                tree.FindCategory(request.BureauId, request.CategoryCode)?.Name ?? request.CategoryCode,
                request.Text,
                units.GetValueOrDefault(request.ReceivingUnitId),
                request.ReceivingOfficer,
                request.Status.ChineseName(),
                progress.NextDue?.DueAt is { } nextDue ? UiFormat.Due(nextDue, clock) : null,
                progress.Handling?.DueDate is { } handlingDue ? UiFormat.Date(handlingDue) : null,
                progress.Overdue ? text["Yes"] : text["No"],
                Local(request.ClosedAt),
                request.OnTheSpotAnswer is not null ? $"{text["OnTheSpot"]}：{request.OnTheSpotAnswer}" : progress.Outcome,
                progress.FeedbackMethod,
                progress.Feedback,
                Local(progress.FedBackAt),
                progress.Satisfaction,
                progress.RevisitMethod,
                progress.RevisitNote,
            ];
        }

        private async Task<IReadOnlyDictionary<Guid, string>> UnitNamesAsync(Guid bureauId, CancellationToken cancellationToken)
        {
            if (!_unitNames.TryGetValue(bureauId, out var names))
            {
                names = (await bureaus.ListUnitsAsync(bureauId, cancellationToken)).ToDictionary(u => u.Id, u => u.Name);
                _unitNames[bureauId] = names;
            }

            return names;
        }
    }
}
