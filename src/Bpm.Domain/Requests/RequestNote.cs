namespace Bpm.Domain.Requests;

/// <summary>
/// A free-text note on a request, without attachments, written by anyone who may read the request, e.g.
/// "已电话联系纳税人，约定周三补充资料" by 李四 at 2026-03-02 10:15. Never changed or deleted.
/// </summary>
public sealed class RequestNote
{
    public const int MaxTextLength = 2000;

    private RequestNote()
    {
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid AuthorUserId { get; private set; }

    /// <summary>The author's display name when writing, so the note reads the same after a rename or removal.</summary>
    public string AuthorName { get; private set; } = "";

    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A note with its text trimmed; empty or longer than 2000 characters → DomainValidationException on "text".</summary>
    public static RequestNote Write(Guid id, Guid requestId, Guid authorUserId, string authorName, string? text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(authorName);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainValidationException([new FieldError("text", "备注内容不能为空 (text is required)")]);
        }

        if (trimmed.Length > MaxTextLength)
        {
            throw new DomainValidationException([new FieldError("text", $"备注内容不能超过{MaxTextLength}个字符（当前{trimmed.Length}个）")]);
        }

        return new RequestNote
        {
            Id = id,
            RequestId = requestId,
            AuthorUserId = authorUserId,
            AuthorName = authorName.Length > 100 ? authorName[..100] : authorName,
            Text = trimmed,
            CreatedAt = now.ToUniversalTime(),
        };
    }
}
