using Bpm.Domain.Requests;
using Bpm.Domain.Tags;

namespace Bpm.Domain.Library;

/// <summary>典型案例 (a case worth learning from) or 标准答复口径 (the agreed answer to a hot question).</summary>
public enum LibraryEntryKind
{
    TypicalCase,
    StandardAnswer,
}

/// <summary>Proposed → Published or Rejected by an approver; a proposer may withdraw a proposal.</summary>
public enum LibraryEntryStatus
{
    Proposed,
    Published,
    Rejected,
    Withdrawn,
}

/// <summary>What a handler proposes: the texts as they should be published.</summary>
public sealed record LibraryDraft(
    LibraryEntryKind Kind,
    string? Title,
    string? Question,
    string? Answer,
    string? PolicyBasis,
    IReadOnlyList<string?>? Tags);

/// <summary>
/// An item of the typical-case and standard-answer library (成果运用), drawn from a closed request: e.g. the standard answer
/// "小规模纳税人增值税减按1%征收的适用期限" proposed by xt.handler from XT-2026-000123 and published by xt.approver for Xiantao.
/// Published items of a bureau are read by its own users and by every bureau below it.
/// </summary>
public sealed class LibraryEntry
{
    public const int MaxTitleLength = 100;
    public const int MaxQuestionLength = 2000;
    public const int MaxAnswerLength = 4000;
    public const int MaxPolicyBasisLength = 1000;
    public const int MaxReasonLength = 500;

    private LibraryEntry()
    {
    }

    public Guid Id { get; private set; }

    public LibraryEntryKind Kind { get; private set; }

    /// <summary>The bureau that publishes it; its users and everyone below see it once published.</summary>
    public Guid BureauId { get; private set; }

    public string Title { get; private set; } = "";

    public string Question { get; private set; } = "";

    public string Answer { get; private set; } = "";

    public string? PolicyBasis { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public RequestType RequestType { get; private set; }

    public Guid SourceRequestId { get; private set; }

    public LibraryEntryStatus Status { get; private set; }

    public Guid ProposedBy { get; private set; }

    public string ProposerName { get; private set; } = "";

    public DateTimeOffset ProposedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public string? DeciderName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>Optimistic concurrency: two approvers deciding the same proposal, the second is refused.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// A proposal from a request, which must be closed (已归档): an open request's answer is not settled yet.
    /// Every broken field is reported at once (title, question, answer, policyBasis, tags).
    /// </summary>
    /// <exception cref="DomainException">the request is not closed (field sourceRequestId).</exception>
    /// <exception cref="DomainValidationException">a text is missing or too long, or a tag is refused.</exception>
    public static LibraryEntry Propose(Guid id, Guid bureauId, TaxpayerRequest source, LibraryDraft draft, Guid proposerId, string proposerName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(proposerName);
        if (source.Status != RequestStatus.Closed)
        {
            throw new DomainException(
                "library.source-open",
                $"诉求 {source.Number} 尚未办结归档（当前“{source.Status.ChineseName()}”），不能作为典型案例或标准答复",
                "sourceRequestId");
        }

        var errors = new List<FieldError>();
        var title = Text(errors, "title", "标题", draft.Title, MaxTitleLength, required: true);
        var question = Text(errors, "question", "问题", draft.Question, MaxQuestionLength, required: true);
        var answer = Text(errors, "answer", "答复", draft.Answer, MaxAnswerLength, required: true);
        var basis = Text(errors, "policyBasis", "政策依据", draft.PolicyBasis, MaxPolicyBasisLength, required: false);
        IReadOnlyList<string> tags = [];
        try
        {
            tags = TagName.CheckAll(draft.Tags, TagName.MaxPerRequest, "tags");
        }
        catch (DomainValidationException refused)
        {
            errors.AddRange(refused.Errors);
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            errors.Add(new FieldError("kind", "类别应为典型案例 (TypicalCase) 或标准答复 (StandardAnswer)"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        return new LibraryEntry
        {
            Id = id,
            Kind = draft.Kind,
            BureauId = bureauId,
            Title = title,
            Question = question,
            Answer = answer,
            PolicyBasis = basis.Length == 0 ? null : basis,
            Tags = [.. tags],
            RequestType = source.Type,
            SourceRequestId = source.Id,
            Status = LibraryEntryStatus.Proposed,
            ProposedBy = proposerId,
            ProposerName = Short(proposerName),
            ProposedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>An approver publishes a proposal; anything already decided is refused.</summary>
    public void Publish(Guid approverId, string approverName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approverName);
        RequireProposed();
        Status = LibraryEntryStatus.Published;
        Decide(approverId, approverName, now);
    }

    /// <summary>An approver rejects a proposal and says why, e.g. "答复口径已过时，请按2026年新政策修改".</summary>
    public void Reject(Guid approverId, string approverName, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approverName);
        RequireProposed();
        var errors = new List<FieldError>();
        var text = Text(errors, "reason", "驳回理由", reason, MaxReasonLength, required: true);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        Status = LibraryEntryStatus.Rejected;
        RejectionReason = text;
        Decide(approverId, approverName, now);
    }

    /// <summary>The proposer takes back a proposal not yet decided, or anyone with the right takes a published item out of use.</summary>
    public void Withdraw(Guid userId, string userName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (Status is not (LibraryEntryStatus.Proposed or LibraryEntryStatus.Published))
        {
            throw new DomainException("library.decided", $"“{Title}”已{StatusName(Status)}，不能撤回", "status");
        }

        Status = LibraryEntryStatus.Withdrawn;
        Decide(userId, userName, now);
    }

    public static string StatusName(LibraryEntryStatus status) => status switch
    {
        LibraryEntryStatus.Proposed => "待审核",
        LibraryEntryStatus.Published => "已发布",
        LibraryEntryStatus.Rejected => "已驳回",
        LibraryEntryStatus.Withdrawn => "已撤回",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string KindName(LibraryEntryKind kind) => kind switch
    {
        LibraryEntryKind.TypicalCase => "典型案例",
        LibraryEntryKind.StandardAnswer => "标准答复口径",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private void RequireProposed()
    {
        if (Status != LibraryEntryStatus.Proposed)
        {
            throw new DomainConflictException("library.decided", $"“{Title}”已{StatusName(Status)}，不能再审核");
        }
    }

    private void Decide(Guid userId, string userName, DateTimeOffset now)
    {
        DecidedBy = userId;
        DeciderName = Short(userName);
        DecidedAt = now.ToUniversalTime();
    }

    private static string Short(string name) => name.Length > 100 ? name[..100] : name;

    private static string Text(List<FieldError> errors, string field, string label, string? value, int maxLength, bool required)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0)
        {
            errors.Add(new FieldError(field, $"{label}不能为空 ({field} is required)"));
        }
        else if (text.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"{label}不能超过{maxLength}个字符（当前{text.Length}个）"));
        }

        return text;
    }
}
