using Bpm.Domain.Users;

namespace Bpm.Domain.Notices;

/// <summary>
/// A message to people about a request: 预警 to the handler, 督办 to the unit head and the tax-service department,
/// 催办, 提交联席会议. Addressed to a user, or to everyone of a unit who holds a role.
/// Example: "【督办】XT-2026-000123 办理 已于 2026-10-10 00:00 超期" to 仙桃 纳税服务科, role Approver.
/// </summary>
public sealed class Notice
{
    public const int MaxTextLength = 500;

    private Notice()
    {
    }

    public Notice(Guid id, NoticeKind kind, Guid requestId, Guid? taskId, Guid? recipientUnitId, Roles recipientRoles, Guid? recipientUserId, string text, DateTimeOffset createdAt)
    {
        if (recipientUnitId is null && recipientUserId is null)
        {
            throw new DomainException("notice.recipient", "通知须有接收单位或接收人", "recipient");
        }

        ArgumentNullException.ThrowIfNull(text);
        var clipped = text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;
        Id = id;
        Kind = kind;
        RequestId = requestId;
        TaskId = taskId;
        RecipientUnitId = recipientUnitId;
        RecipientRoles = recipientRoles;
        RecipientUserId = recipientUserId;
        Text = RequiredText.Check(clipped, MaxTextLength, "notice.text", "通知内容", "text");
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public NoticeKind Kind { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid? TaskId { get; private set; }

    public Guid? RecipientUnitId { get; private set; }

    /// <summary>Members of the unit with any of these roles see it; None with a unit = every member.</summary>
    public Roles RecipientRoles { get; private set; }

    public Guid? RecipientUserId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now.ToUniversalTime();
}

/// <summary>Stored by name; never rename a member.</summary>
public enum NoticeKind
{
    /// <summary>预警</summary>
    Warning,

    /// <summary>督办</summary>
    Overdue,

    /// <summary>催办</summary>
    Reminder,

    /// <summary>提交联席会议</summary>
    JointMeeting,
}
