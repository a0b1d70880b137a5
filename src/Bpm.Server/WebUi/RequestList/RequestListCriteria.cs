using System.Globalization;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Server.WebUi.RequestList;

/// <summary>
/// The filters of the request list and of its ledger export, as GET query parameters (the dashboard links here with
/// them for drill-down): <c>bureau</c> (a bureau id; its subtree, which must lie in the user's), <c>type</c>, <c>channel</c>,
/// <c>status</c>, <c>size</c> (enum names, any case), <c>category</c> (code), <c>industry</c> (exact text),
/// <c>overdue=true</c> (see <see cref="TaxpayerRequestFilter.OverdueAsOf"/>), <c>receivedFrom</c>/<c>receivedTo</c>
/// (bureau-local dates, both inclusive), <c>q</c> (number, part of the taxpayer's name, or credit code), <c>tag</c> (a tag's exact
/// name), <c>page</c>.
/// Example: <c>/requests?type=Policy&amp;receivedFrom=2026-10-01&amp;receivedTo=2026-10-31</c> → policy requests received
/// in October, Shanghai time (2026-09-30T16:00Z up to, not including, 2026-10-31T16:00Z).
/// </summary>
public sealed record RequestListCriteria(
    string? Bureau = null,
    string? Type = null,
    string? Channel = null,
    string? Status = null,
    string? Category = null,
    string? Industry = null,
    string? Size = null,
    string? Overdue = null,
    string? ReceivedFrom = null,
    string? ReceivedTo = null,
    string? Q = null,
    string? Page = null,
    string? Tag = null)
{
    public const int PageSize = 50;
    public const int MaxPage = 100_000;

    /// <summary>The query string of these filters without the page, e.g. "?type=Policy&amp;overdue=true" ("" when none).</summary>
    public string FilterQuery()
    {
        var pairs = new (string Name, string? Value)[]
        {
            ("bureau", Bureau), ("type", Type), ("channel", Channel), ("status", Status), ("category", Category), ("industry", Industry),
            ("size", Size), ("overdue", Overdue), ("receivedFrom", ReceivedFrom), ("receivedTo", ReceivedTo), ("q", Q), ("tag", Tag),
        };
        var given = pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }

    /// <summary>
    /// The store filter within the user's subtree, or every malformed parameter by name with a Chinese reason. A bureau
    /// outside the user's subtree (or unknown) is <see cref="RequestListResolution.OutsideScope"/>: the caller answers 404.
    /// </summary>
    public RequestListResolution Resolve(BureauTree tree, Guid userBureauId, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var scope = BureauScope.Below(tree, userBureauId);
        var bureauId = userBureauId;
        if (!string.IsNullOrWhiteSpace(Bureau))
        {
            if (!Guid.TryParse(Bureau.Trim(), out bureauId))
            {
                errors.Add(new FieldError("bureau", $"税务机关：“{Bureau}”不是有效的机构标识"));
                bureauId = userBureauId;
            }
            else if (!scope.Contains(bureauId))
            {
                return new RequestListResolution(null, [], OutsideScope: true);
            }
        }

        var clock = tree.ClockOf(bureauId);
        var from = ParseDate(errors, "receivedFrom", "受理日期起", ReceivedFrom);
        var to = ParseDate(errors, "receivedTo", "受理日期止", ReceivedTo);
        if (from is { } first && to is { } last && last < first)
        {
            errors.Add(new FieldError("receivedTo", "受理日期止：不能早于受理日期起"));
        }

        var filter = new TaxpayerRequestFilter
        {
            BureauIds = BureauScope.Below(tree, bureauId).BureauIds,
            Type = ParseEnum<RequestType>(errors, "type", "诉求类型", Type),
            Channel = ParseEnum<Channel>(errors, "channel", "诉求渠道", Channel),
            Status = ParseEnum<RequestStatus>(errors, "status", "办理状态", Status),
            Size = ParseEnum<TaxpayerSize>(errors, "size", "纳税人规模", Size),
            CategoryCode = Text(errors, "category", "诉求分类", Category, 32),
            Industry = Text(errors, "industry", "所属行业", Industry, RequestRegistrationRules.MaxIndustryLength),
            Search = Text(errors, "q", "查询内容", Q, RequestRegistrationRules.MaxNameLength),
            Tag = Text(errors, "tag", "标签", Tag, Bpm.Domain.Tags.TagName.MaxLength),
            OverdueAsOf = ParseOverdue(errors, Overdue) ? now : null,
            ReceivedFrom = from is { } start ? StartOfDay(start, clock.TimeZone) : null,
            ReceivedBefore = to is { } end ? StartOfDay(end.AddDays(1), clock.TimeZone) : null,
            Page = ParsePage(errors, Page),
            PageSize = PageSize,
        };
        return new RequestListResolution(errors.Count == 0 ? filter : null, errors, OutsideScope: false);
    }

    /// <summary>The first instant of a local day: 2026-10-01 in Asia/Shanghai → 2026-09-30T16:00:00Z.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30); // midnight skipped by a clock change: the day starts when the clocks jump
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static TEnum? ParseEnum<TEnum>(List<FieldError> errors, string name, string label, string? text)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(new FieldError(name, $"{label}：未知的取值“{text}”"));
            return null;
        }

        return Enum.Parse<TEnum>(match);
    }

    private static string? Text(List<FieldError> errors, string name, string label, string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            errors.Add(new FieldError(name, $"{label}：内容过长或含有控制字符"));
            return null;
        }

        return trimmed;
    }

    private static DateOnly? ParseDate(List<FieldError> errors, string name, string label, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 2000)
        {
            return date;
        }

        errors.Add(new FieldError(name, $"{label}：日期格式应为 yyyy-MM-dd，例如 2026-10-01（收到“{text}”）"));
        return null;
    }

    private static bool ParseOverdue(List<FieldError> errors, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        errors.Add(new FieldError("overdue", $"是否超期：应为 true 或 false（收到“{text}”）"));
        return false;
    }

    private static int ParsePage(List<FieldError> errors, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage)
        {
            return page;
        }

        errors.Add(new FieldError("page", $"页码：应为1到{MaxPage}之间的整数（收到“{text}”）"));
        return 1;
    }
}

/// <summary>What the list's parameters came to: a filter, or the reasons there is none, or a bureau outside the user's reach.</summary>
public sealed record RequestListResolution(TaxpayerRequestFilter? Filter, IReadOnlyList<FieldError> Errors, bool OutsideScope);
