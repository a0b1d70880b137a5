using Bpm.Application;
using Bpm.Application.Notices;
using Bpm.Application.Users;
using Bpm.Domain.Notices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/notices</c>: what the escalation ladders told me — 预警 when my task is short of time, 督办 to unit heads and the
/// tax-service department when one is overdue, 催办 reminders, 提交联席会议 — addressed to me or to my unit and role.
/// </summary>
public static class NoticeEndpoints
{
    public static RouteGroupBuilder MapNoticeEndpoints(this RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/notices").WithTags("Notices");
        notices.MapGet("/", ListAsync).WithName("ListNotices").WithSummary("My notices, newest first; unread=true for the unread ones");
        notices.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkNoticeRead");
        return api;
    }

    public static async Task<Ok<NoticePageDto>> ListAsync(
        ICurrentUser user, INoticeStore notices, bool? unread, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var found = await notices.ListAsync(
            new NoticeQuery
            {
                UserId = user.UserId,
                UnitId = user.UnitId,
                Roles = user.Roles,
                UnreadOnly = unread == true,
                Page = Math.Max(1, page ?? 1),
                PageSize = Math.Clamp(pageSize ?? 50, 1, 200),
            },
            cancellationToken);
        return TypedResults.Ok(new NoticePageDto([.. found.Items.Select(ToDto)], found.TotalCount, found.Page, found.PageSize));
    }

    /// <summary>404 for a notice that is not addressed to the user (or to the user's unit and role).</summary>
    public static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> MarkReadAsync(
        Guid id, ICurrentUser user, INoticeStore notices, IUnitOfWork unitOfWork, TimeProvider time, CancellationToken cancellationToken)
    {
        var notice = await unitOfWork.InTransactionAsync<Notice?>(async ct =>
        {
            var found = await notices.FindAsync(id, ct);
            if (found is null || !IsFor(found, user))
            {
                return null;
            }

            found.MarkRead(time.GetUtcNow());
            await notices.UpdateAsync(found, ct);
            return found;
        }, cancellationToken);
        return notice is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "通知不存在 (no such notice)", detail: $"id {id}")
            : TypedResults.Ok(ToDto(notice));
    }

    private static bool IsFor(Notice notice, ICurrentUser user) =>
        notice.RecipientUserId == user.UserId
        || (notice.RecipientUnitId is { } unit && unit == user.UnitId && (notice.RecipientRoles == Domain.Users.Roles.None || (user.Roles & notice.RecipientRoles) != 0));

    private static NoticeDto ToDto(Notice n) => new(n.Id, n.Kind.ToString(), n.RequestId, n.TaskId, n.Text, n.CreatedAt, n.ReadAt);
}

/// <summary>A notice: kind (Warning, Overdue, Reminder, JointMeeting), the request and task it is about, the text.</summary>
public sealed record NoticeDto(Guid Id, string Kind, Guid RequestId, Guid? TaskId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NoticePageDto(IReadOnlyList<NoticeDto> Items, int TotalCount, int Page, int PageSize);
