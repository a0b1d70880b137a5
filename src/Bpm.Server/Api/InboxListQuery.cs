using System.Globalization;
using Bpm.Application.Tasks;
using Bpm.Domain;
using Bpm.Domain.Requests;

namespace Bpm.Server.Api;

/// <summary>
/// The inbox filters, as <c>GET /api/tasks</c> and the <c>/inbox</c> page take them: <c>type</c>, <c>channel</c>,
/// <c>status</c> (the request's), <c>overdue=true</c>, <c>q</c> (request number, taxpayer name or credit code),
/// <c>page</c>, <c>pageSize</c>. Taken as text and parsed here so every bad value is named in one refusal,
/// e.g. <c>?type=Lost&amp;overdue=maybe</c> → errors for <c>type</c> and <c>overdue</c>.
/// </summary>
public sealed record InboxListQuery(string? Type, string? Channel, string? Status, string? Overdue, string? Q, string? Page, string? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 100;

    /// <summary>The store query for the user's inbox over <paramref name="bureauIds"/> at <paramref name="now"/>.</summary>
    /// <exception cref="DomainValidationException">one or more parameters are malformed.</exception>
    public InboxQuery ToQuery(Bpm.Application.Users.ICurrentUser user, IReadOnlyCollection<Guid> bureauIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<FieldError>();
        var search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (search is { Length: > MaxSearchLength })
        {
            errors.Add(new FieldError("q", $"查询内容不能超过{MaxSearchLength}个字符"));
        }

        var query = new InboxQuery
        {
            UserId = user.UserId,
            UnitId = user.UnitId,
            Roles = user.Roles,
            BureauIds = bureauIds,
            RequestType = ParseEnum<RequestType>(errors, "type", Type),
            Channel = ParseEnum<Channel>(errors, "channel", Channel),
            RequestStatus = ParseEnum<RequestStatus>(errors, "status", Status),
            DueBefore = ParseFlag(errors, "overdue", Overdue) ? now : null,
            Search = search,
            Page = ParseInt(errors, "page", Page, 1, 1, 100_000),
            PageSize = ParseInt(errors, "pageSize", PageSize, DefaultPageSize, 1, MaxPageSize),
        };
        return errors.Count == 0 ? query : throw new DomainValidationException(errors);
    }

    /// <summary>Names only, any case (<c>it</c> = <c>IT</c>); numbers are refused.</summary>
    private static TEnum? ParseEnum<TEnum>(List<FieldError> errors, string name, string? text)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(new FieldError(name, $"未知的取值“{text}”；可选：{string.Join(", ", Enum.GetNames<TEnum>())}"));
            return null;
        }

        return Enum.Parse<TEnum>(match);
    }

    private static bool ParseFlag(List<FieldError> errors, string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (bool.TryParse(text.Trim(), out var flag))
        {
            return flag;
        }

        errors.Add(new FieldError(name, $"应为 true 或 false (got “{text}”)"));
        return false;
    }

    private static int ParseInt(List<FieldError> errors, string name, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"应为{min}到{max}之间的整数 (got “{text}”)"));
        return fallback;
    }
}
