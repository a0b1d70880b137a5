namespace Bpm.Domain.Collections;

/// <summary>
/// 报送上月诉求及风险点: one unit's monthly duty to send the tax-service department last month's requests and risk points
/// (seed 004 §三(二)). Opened by the periodic job on the month's first working day, one per unit and month (a unique
/// index on unit and month keeps a second node or a re-run from opening another), due at the cut-off of the 3rd working
/// day, submitted by a handler of the unit with the number of requests and the risk points.
/// Not a <c>RequestTask</c>: it belongs to no request and no workflow, so it has its own table and list (/collections).
/// </summary>
public sealed class CollectionTask
{
    public const string DefaultTitle = "报送上月诉求及风险点";

    public const int MaxRiskPointsLength = 2000;

    /// <summary>More than anyone collects in a month; a typo such as 10000000 is refused.</summary>
    public const int MaxRequestCount = 100_000;

    private CollectionTask()
    {
    }

    public CollectionTask(Guid id, Guid bureauId, Guid unitId, CollectionWindow window, DateTimeOffset openedAt)
    {
        ArgumentNullException.ThrowIfNull(window);
        Id = id;
        BureauId = bureauId;
        UnitId = unitId;
        Year = window.Month.Year;
        Month = window.Month.Month;
        Title = DefaultTitle;
        OpensOn = window.OpensOn;
        DueDate = window.DueDate;
        DueAt = window.DueAt.ToUniversalTime();
        DueIsProvisional = window.DueIsProvisional;
        OpenedAt = openedAt.ToUniversalTime();
        Status = CollectionTaskStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid BureauId { get; private set; }

    /// <summary>The unit that must send; any of its handlers may submit.</summary>
    public Guid UnitId { get; private set; }

    /// <summary>The month of sending (2026-03 sends February's requests).</summary>
    public int Year { get; private set; }

    public int Month { get; private set; }

    public CollectionMonth CollectionMonth => new(Year, Month);

    public string Title { get; private set; } = "";

    /// <summary>The first working day of the month, on which it opened (bureau-local).</summary>
    public DateOnly OpensOn { get; private set; }

    /// <summary>The 3rd working day of the month (bureau-local).</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The first instant that is late (UTC): the bureau's cut-off of <see cref="DueDate"/>.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public bool DueIsProvisional { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public CollectionTaskStatus Status { get; private set; }

    public int? RequestCount { get; private set; }

    public string? RiskPoints { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public Guid? SubmittedBy { get; private set; }

    public long Version { get; private set; }

    public bool IsLate(DateTimeOffset now) => (SubmittedAt ?? now) >= DueAt;

    /// <summary>
    /// The unit sends its figures: how many requests it collected last month (0 or more) and the risk points it sees
    /// ("无" when none). A second submission is a conflict. Who may submit (a handler of the unit) is the caller's check.
    /// </summary>
    public void Submit(Guid userId, int? requestCount, string? riskPoints, DateTimeOffset now)
    {
        if (Status != CollectionTaskStatus.Open)
        {
            throw new DomainConflictException("collection.submitted", $"{CollectionMonth} 的报送已提交");
        }

        var errors = new List<FieldError>();
        if (requestCount is not { } count || count < 0 || count > MaxRequestCount)
        {
            errors.Add(new FieldError("requestCount", $"上月诉求件数必须填写，为 0–{MaxRequestCount} 的整数"));
        }

        if (string.IsNullOrWhiteSpace(riskPoints) || riskPoints.Trim().Length > MaxRiskPointsLength)
        {
            errors.Add(new FieldError("riskPoints", $"风险点不能为空（没有请填“无”），且不超过{MaxRiskPointsLength}个字符"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        RequestCount = requestCount;
        RiskPoints = riskPoints!.Trim();
        SubmittedAt = now.ToUniversalTime();
        SubmittedBy = userId;
        Status = CollectionTaskStatus.Submitted;
    }
}

/// <summary>Stored by name; never rename a member.</summary>
public enum CollectionTaskStatus
{
    Open,
    Submitted,
}
