using Bpm.Engine.Runtime;

namespace Bpm.Application.Workflows.Instances;

/// <summary>
/// Pages of workflow instances for the designer's instance list, filtered, ordered and paged by the database (there may be
/// a million instances). An instance's request gives it its bureau, its name and its correlation id when the workflow set
/// none: instance of request XT-2026-000123 → name and correlation id "XT-2026-000123".
/// </summary>
public interface IWorkflowInstanceSummaryStore
{
    Task<WorkflowInstanceSummaryPage> ListAsync(WorkflowInstanceSummaryFilter filter, CancellationToken cancellationToken);
}

/// <summary>Criteria combine with AND; null (or an empty list) means "any".</summary>
public sealed record WorkflowInstanceSummaryFilter
{
    /// <summary>Only instances of requests of these bureaus; null = every instance, those without a request included.</summary>
    public IReadOnlyCollection<Guid>? BureauIds { get; init; }

    /// <summary>Part of the id, definition id, version id, name, correlation id or request number, e.g. "000123".</summary>
    public string? SearchTerm { get; init; }

    public IReadOnlyCollection<string>? DefinitionIds { get; init; }

    /// <summary>Exactly this correlation id (the request number when the workflow set none).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Runs on this version number of its definition.</summary>
    public int? Version { get; init; }

    /// <summary>True: at least one incident; false: none.</summary>
    public bool? HasIncidents { get; init; }

    public IReadOnlyCollection<WorkflowStatus>? Statuses { get; init; }

    public IReadOnlyCollection<WorkflowSubStatus>? SubStatuses { get; init; }

    public IReadOnlyList<InstantFilter> InstantFilters { get; init; } = [];

    public WorkflowInstanceOrder OrderBy { get; init; } = WorkflowInstanceOrder.Created;

    public bool Descending { get; init; } = true;

    /// <summary>0-based, as Elsa counts pages.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = 10;
}

public enum WorkflowInstanceOrder
{
    Created,
    UpdatedAt,
    Finished,
    Name,
}

public enum InstantColumn
{
    CreatedAt,
    UpdatedAt,
    FinishedAt,
}

public enum InstantComparison
{
    Is,
    IsNot,
    LessThan,
    GreaterThan,
    LessThanOrEqual,
    GreaterThanOrEqual,
}

/// <summary>
/// One of Elsa's timestamp filters, e.g. (CreatedAt, GreaterThanOrEqual, 2026-03-02T00:00Z). As in Elsa, an instant at
/// midnight (UTC) stands for that whole day: "Is 2026-03-02" is [03-02, 03-03), "LessThanOrEqual 2026-03-02" is before 03-03.
/// </summary>
public sealed record InstantFilter(InstantColumn Column, InstantComparison Comparison, DateTimeOffset Instant)
{
    public bool IsWholeDay => Instant.ToUniversalTime().TimeOfDay == TimeSpan.Zero;

    public DateTimeOffset DayStart => new(Instant.ToUniversalTime().Date, TimeSpan.Zero);

    public DateTimeOffset DayEnd => DayStart.AddDays(1);
}

/// <summary>One row of the instance list.</summary>
public sealed record WorkflowInstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    string? CorrelationId,
    string? Name,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

public sealed record WorkflowInstanceSummaryPage(IReadOnlyList<WorkflowInstanceSummary> Items, long TotalCount);
