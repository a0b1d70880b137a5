using Bpm.Domain.Sla;
using Bpm.Domain.Taxpayers;

namespace Bpm.Domain.Requests;

/// <summary>
/// One taxpayer request (诉求) from registration to archive. It is created only through
/// <see cref="Register"/>, which checks every field, and changes status only along
/// <see cref="RequestLifeCycle"/>.
/// </summary>
public sealed class TaxpayerRequest
{
    private TaxpayerRequest()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>e.g. XT-2026-000123; unique.</summary>
    public string Number { get; private set; } = "";

    public Guid BureauId { get; private set; }

    public RequestType Type { get; private set; }

    public string CategoryCode { get; private set; } = "";

    public Channel Channel { get; private set; }

    public string TaxpayerName { get; private set; } = "";

    /// <summary>Normalised contact, e.g. 0728-3312345 or 13812345678.</summary>
    public string Contact { get; private set; } = "";

    public ContactKind ContactKind { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>The exact instant of receipt (UTC), kept for audit; deadlines count from its bureau-local date.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    public Guid ReceivingUnitId { get; private set; }

    public string ReceivingOfficer { get; private set; } = "";

    public string? CreditCode { get; private set; }

    public string? Industry { get; private set; }

    public TaxpayerSize? Size { get; private set; }

    public OperatingStatus? OperatingStatus { get; private set; }

    public RequestStatus Status { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? OnTheSpotAnswer { get; private set; }

    /// <summary>
    /// One of its handling tasks (SLA step Handling or Rehandle) was completed at or after its due instant, so the
    /// request does not count as closed on time: handling due 2026-03-04T16:00Z, completed 16:00Z → late.
    /// </summary>
    public bool HandledLate { get; private set; }

    /// <summary>When the taxpayer was first answered: at registration when answered on the spot, else when the first feedback task was completed.</summary>
    public DateTimeOffset? RespondedAt { get; private set; }

    /// <summary>The outcome of its latest completed revisit, e.g. "Satisfied"; null before any revisit.</summary>
    public string? RevisitOutcome { get; private set; }

    /// <summary>
    /// 重复诉求人: registration found an earlier request of the same credit code or contact in the same province within the
    /// repeat window (a Repeat link), e.g. 仙桃恒达 asked on 03-01 and again on 03-20 → the 03-20 request. The dashboard's
    /// repeat rate counts these.
    /// </summary>
    public bool RepeatRequester { get; private set; }

    /// <summary>
    /// Grows by one with every saved change; a change made from an older version is refused (optimistic
    /// concurrency): two officers edit version 3, the first save makes it 4, the second is rejected.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>The workflow definition that handles the request, e.g. "policy"; null until its workflow starts.</summary>
    public string? WorkflowDefinitionId { get; private set; }

    /// <summary>The published version it started on; the instance stays on it even after newer versions are published.</summary>
    public int? WorkflowDefinitionVersion { get; private set; }

    public string? WorkflowInstanceId { get; private set; }

    /// <summary>The open request this duplicate was merged into (status Merged); its workflow carries on for both.</summary>
    public Guid? MergedIntoRequestId { get; private set; }

    /// <summary>
    /// Registers a request under a number the caller reserved. A request answered on the spot is
    /// closed at once (Registered → Closed); any other starts as Registered.
    /// </summary>
    /// <exception cref="DomainValidationException">a field is missing or malformed; nothing is created.</exception>
    public static TaxpayerRequest Register(
        Guid id, RequestNumber number, Guid bureauId, RequestType type, RequestRegistration registration, DateTimeOffset now)
    {
        var errors = RequestRegistrationRules.Check(registration, now);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var contact = ContactInfo.Parse(registration.Contact);
        var request = new TaxpayerRequest
        {
            Id = id,
            Number = number.ToString(),
            BureauId = bureauId,
            Type = type,
            CategoryCode = registration.CategoryCode.Trim(),
            Channel = registration.Channel,
            TaxpayerName = registration.TaxpayerName.Trim(),
            Contact = contact.Value,
            ContactKind = contact.Kind,
            Text = registration.Text.Trim(),
            ReceivedAt = registration.ReceivedAt.ToUniversalTime(),
            ReceivingUnitId = registration.ReceivingUnitId,
            ReceivingOfficer = registration.ReceivingOfficer.Trim(),
            CreditCode = CreditCodeOf(registration),
            Industry = string.IsNullOrWhiteSpace(registration.Industry) ? null : registration.Industry.Trim(),
            Size = registration.Size,
            OperatingStatus = registration.OperatingStatus,
            Status = RequestStatus.Registered,
            RegisteredAt = now.ToUniversalTime(),
            StatusChangedAt = now.ToUniversalTime(),
        };

        if (ClosesAtRegistration(registration) && registration.OnTheSpotAnswer is { } answer)
        {
            request.OnTheSpotAnswer = answer.Trim();
            request.RespondedAt = now.ToUniversalTime();
            request.MoveTo(RequestStatus.Closed, now);
        }

        return request;
    }

    /// <summary>Answered on the spot: the request is closed as it is registered, and no workflow starts.</summary>
    public static bool ClosesAtRegistration(RequestRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return !string.IsNullOrWhiteSpace(registration.OnTheSpotAnswer);
    }

    /// <summary>
    /// The taxpayer's contact and credit code as a request registered from these (checked) fields stores them, e.g. contact
    /// "0728 3300001" → "0728-3300001", "+86 138 1234 5678" → "13812345678", a credit code typed in lower case → upper case:
    /// what an earlier request of the same taxpayer is looked up by before the request itself exists.
    /// </summary>
    public static (string Contact, string? CreditCode) TaxpayerKeysOf(RequestRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return (ContactInfo.Parse(registration.Contact).Value, CreditCodeOf(registration));
    }

    private static string? CreditCodeOf(RequestRegistration registration) =>
        string.IsNullOrWhiteSpace(registration.CreditCode) ? null : UnifiedSocialCreditCode.Parse(registration.CreditCode).Value;

    /// <summary>
    /// Registers a request taken over from an older ledger where it was already closed: it keeps its receipt and its
    /// closing instant (received 2025-03-03 09:10, closed 2025-03-05 16:00 → ClosedAt 2025-03-05 16:00), is registered
    /// now, and needs no workflow. Closing before the receipt or in the future is refused on "closedAt".
    /// </summary>
    /// <exception cref="DomainValidationException">a field is missing or malformed; nothing is created.</exception>
    public static TaxpayerRequest RegisterClosed(
        Guid id, RequestNumber number, Guid bureauId, RequestType type, RequestRegistration registration, DateTimeOffset closedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = RequestRegistrationRules.Check(registration, now).Concat(ClosingErrors(registration.ReceivedAt, closedAt, now)).ToList();
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var request = Register(id, number, bureauId, type, registration with { OnTheSpotAnswer = null }, now);
        request.OnTheSpotAnswer = string.IsNullOrWhiteSpace(registration.OnTheSpotAnswer) ? null : registration.OnTheSpotAnswer.Trim();
        request.MoveTo(RequestStatus.Closed, closedAt);
        return request;
    }

    /// <summary>A historical closing instant lies between the receipt and now (allowing the clock skew a receipt may have).</summary>
    public static IReadOnlyList<FieldError> ClosingErrors(DateTimeOffset receivedAt, DateTimeOffset closedAt, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (closedAt < receivedAt)
        {
            errors.Add(new FieldError("closedAt", "办结时间不能早于受理时间"));
        }

        if (closedAt > now + RequestRegistrationRules.AllowedClockSkew)
        {
            errors.Add(new FieldError("closedAt", "办结时间不能晚于当前时间"));
        }

        return errors;
    }

    /// <summary>Records the workflow instance that now runs the request; a request runs exactly one.</summary>
    public void AttachWorkflow(string definitionId, int definitionVersion, string instanceId)
    {
        if (WorkflowInstanceId is not null)
        {
            throw new DomainConflictException("request.workflow-attached", $"诉求 {Number} 的流程已启动");
        }

        WorkflowDefinitionId = definitionId;
        WorkflowDefinitionVersion = definitionVersion;
        WorkflowInstanceId = instanceId;
    }

    /// <summary>
    /// 合并: this duplicate ends as Merged and <paramref name="target"/> carries on for both taxpayers. Both must be open:
    /// this one not yet handled (Registered, Transferred or Dispatched), the target not yet fed back, so its feedback
    /// step still lies ahead. Example: XT-2026-000140 (Dispatched) into XT-2026-000121 (Dispatched) → 140 Merged.
    /// </summary>
    /// <exception cref="DomainValidationException">the merge is not allowed; nothing changes.</exception>
    public void MergeInto(TaxpayerRequest target, DateTimeOffset now)
    {
        var errors = MergeRefusals(target);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        MoveTo(RequestStatus.Merged, now);
        MergedIntoRequestId = target.Id;
    }

    /// <summary>Why merging this request into <paramref name="target"/> is refused; empty when it is allowed. Changes nothing.</summary>
    public IReadOnlyList<FieldError> MergeRefusals(TaxpayerRequest target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var errors = new List<FieldError>();
        if (target.Id == Id)
        {
            errors.Add(new FieldError("intoRequestId", "不能将诉求合并到其自身"));
        }
        else if (target.Status.IsFinal() || target.Status is RequestStatus.FedBack or RequestStatus.Reconsideration)
        {
            errors.Add(new FieldError("intoRequestId", $"目标诉求 {target.Number} 当前状态为“{target.Status.ChineseName()}”，只能合并到尚未反馈的在办诉求"));
        }
        else if (target.WorkflowInstanceId is null)
        {
            errors.Add(new FieldError("intoRequestId", $"目标诉求 {target.Number} 没有在办流程"));
        }

        if (!RequestLifeCycle.CanMove(Status, RequestStatus.Merged))
        {
            errors.Add(new FieldError("requestId", $"诉求 {Number} 当前状态为“{Status.ChineseName()}”，不能再合并（只有已登记、已转交或办理中的诉求可以合并）"));
        }

        return errors;
    }

    /// <summary>Moves the request on, e.g. Handled → FedBack when the taxpayer has been told the result.</summary>
    /// <exception cref="DomainException">the move is not allowed from the current status; nothing changes.</exception>
    public void MoveTo(RequestStatus next, DateTimeOffset now)
    {
        if (!RequestLifeCycle.CanMove(Status, next))
        {
            throw new DomainException(
                "request.invalid-transition",
                $"诉求 {Number} 当前状态为“{Status.ChineseName()}”，不能变更为“{next.ChineseName()}” ({Status} → {next} is not allowed)",
                "status");
        }

        Status = next;
        StatusChangedAt = now.ToUniversalTime();
        ClosedAt = next.IsFinal() ? now.ToUniversalTime() : null;
    }

    /// <summary>
    /// Keeps the facts the figures count up to date when one of its tasks is completed: a late handling marks the
    /// request late for good (a later on-time re-handling does not undo it), the first feedback is its response, and
    /// the latest revisit's outcome is its satisfaction (Unsatisfied, then Satisfied after re-handling → Satisfied).
    /// </summary>
    public void RecordCompletedTask(SlaStep? step, string outcome, DateTimeOffset? dueAt, DateTimeOffset completedAt)
    {
        switch (step)
        {
            case SlaStep.Handling or SlaStep.Rehandle when dueAt is { } due && completedAt >= due:
                HandledLate = true;
                break;
            case SlaStep.Feedback:
                RespondedAt ??= completedAt.ToUniversalTime();
                break;
            case SlaStep.Revisit:
                RevisitOutcome = outcome;
                break;
        }
    }

    /// <summary>Flags the request as one of a repeat requester (see <see cref="RepeatRequester"/>); registration's duplicate check calls it.</summary>
    public void MarkRepeatRequester() => RepeatRequester = true;
}
