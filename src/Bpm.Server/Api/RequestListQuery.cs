using System.Globalization;
using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Server.Api;

/// <summary>
/// Query of <c>GET /api/requests</c>. Taken as text and parsed here, so that every bad value is reported
/// with its parameter name in one 400, e.g. <c>?status=Lost&amp;page=0</c> → errors for <c>status</c> and <c>page</c>.
/// </summary>
public sealed record RequestListQuery(
    string? Status,
    string? Type,
    string? Category,
    string? Channel,
    string? CreditCode,
    string? ReceivedFrom,
    string? ReceivedBefore,
    string? Page,
    string? PageSize,
    string? Industry = null,
    string? Size = null,
    string? Q = null,
    string? Overdue = null,
    string? Bureau = null,
    string? Tag = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxPage = 100_000;

    /// <summary>
    /// The store filter (bureaus left open for the caller's scope; <see cref="BureauId"/> narrows it), or every reason
    /// the query was refused. <c>overdue=true</c> means late as of <paramref name="now"/> (see <see cref="TaxpayerRequestFilter.OverdueAsOf"/>).
    /// </summary>
    /// <exception cref="DomainValidationException">one or more parameters are malformed.</exception>
    public TaxpayerRequestFilter ToFilter(DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var overdue = QueryText.Flag(errors, "overdue", Overdue);
        if (!string.IsNullOrWhiteSpace(Bureau) && !Guid.TryParse(Bureau.Trim(), out _))
        {
            errors.Add(new FieldError("bureau", $"不是有效的机构标识 (expected a bureau id, got “{Bureau}”)"));
        }

        if (Industry is { Length: > RequestRegistrationRules.MaxIndustryLength })
        {
            errors.Add(new FieldError("industry", $"所属行业不能超过{RequestRegistrationRules.MaxIndustryLength}个字符"));
        }

        if (Tag is { Length: > Bpm.Domain.Tags.TagName.MaxLength })
        {
            errors.Add(new FieldError("tag", $"标签不能超过{Bpm.Domain.Tags.TagName.MaxLength}个字符"));
        }

        if (Q is { Length: > RequestRegistrationRules.MaxNameLength })
        {
            errors.Add(new FieldError("q", $"查询内容不能超过{RequestRegistrationRules.MaxNameLength}个字符"));
        }

        var filter = new TaxpayerRequestFilter
        {
            Status = QueryText.Enum<RequestStatus>(errors, "status", Status),
            Type = QueryText.Enum<RequestType>(errors, "type", Type),
            CategoryCode = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(),
            Channel = QueryText.Enum<Channel>(errors, "channel", Channel),
            CreditCode = string.IsNullOrWhiteSpace(CreditCode) ? null : CreditCode.Trim().ToUpperInvariant(),
            ReceivedFrom = ParseInstant(errors, "receivedFrom", ReceivedFrom),
            ReceivedBefore = ParseInstant(errors, "receivedBefore", ReceivedBefore),
            Page = QueryText.Int(errors, "page", Page, 1, 1, MaxPage),
            PageSize = QueryText.Int(errors, "pageSize", PageSize, DefaultPageSize, 1, MaxPageSize),
            Industry = string.IsNullOrWhiteSpace(Industry) ? null : Industry.Trim(),
            Size = QueryText.Enum<TaxpayerSize>(errors, "size", Size),
            Search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            OverdueAsOf = overdue ? now : null,
            Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim(),
        };
        if (filter.ReceivedFrom is { } from && filter.ReceivedBefore is { } before && before <= from)
        {
            errors.Add(new FieldError("receivedBefore", "receivedBefore 必须晚于 receivedFrom (must be after receivedFrom)"));
        }

        return errors.Count == 0 ? filter : throw new DomainValidationException(errors);
    }

    /// <summary>The bureau whose subtree to list (<c>bureau=…</c>), when given and well-formed.</summary>
    public Guid? BureauId => Guid.TryParse(Bureau?.Trim(), out var id) ? id : null;


    private static DateTimeOffset? ParseInstant(List<FieldError> errors, string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        errors.Add(new FieldError(name, $"时间格式不正确“{text}”(expected ISO 8601, e.g. 2026-03-02T09:00:00+08:00)"));
        return null;
    }
}
