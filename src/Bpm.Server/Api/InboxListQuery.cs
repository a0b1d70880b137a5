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
            RequestType = QueryText.Enum<RequestType>(errors, "type", Type),
            Channel = QueryText.Enum<Channel>(errors, "channel", Channel),
            RequestStatus = QueryText.Enum<RequestStatus>(errors, "status", Status),
            DueBefore = QueryText.Flag(errors, "overdue", Overdue) ? now : null,
            Search = search,
            Page = QueryText.Int(errors, "page", Page, 1, 1, 100_000),
            PageSize = QueryText.Int(errors, "pageSize", PageSize, DefaultPageSize, 1, MaxPageSize),
        };
        return errors.Count == 0 ? query : throw new DomainValidationException(errors);
    }
}
