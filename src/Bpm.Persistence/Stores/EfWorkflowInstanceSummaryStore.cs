using System.Linq.Expressions;
using Bpm.Application.Workflows.Instances;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// The instance list as one query: instances left-joined to the request that owns them (for its bureau and number),
/// filtered, counted, ordered (then by id, so pages never overlap) and paged in SQL.
/// </summary>
internal sealed class EfWorkflowInstanceSummaryStore(BpmDbContext db) : IWorkflowInstanceSummaryStore
{
    public async Task<WorkflowInstanceSummaryPage> ListAsync(WorkflowInstanceSummaryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filter(Rows(), filter);
        var total = await query.LongCountAsync(cancellationToken);
        var page = await Order(query, filter)
            .Skip(filter.Page * filter.PageSize).Take(filter.PageSize)
            .Select(r => new WorkflowInstanceSummary(
                r.Instance.Id, r.Instance.DefinitionId, r.Instance.DefinitionVersionId, r.Instance.DefinitionVersion,
                r.Instance.Status, r.Instance.SubStatus, r.Instance.CorrelationId ?? r.RequestNumber, r.Instance.Name ?? r.RequestNumber,
                r.Instance.IncidentCount, r.Instance.CreatedAt, r.Instance.UpdatedAt, r.Instance.FinishedAt))
            .ToListAsync(cancellationToken);
        return new WorkflowInstanceSummaryPage(page, total);
    }

    /// <summary>An instance with its request's bureau and number (null for an instance no request owns).</summary>
    internal sealed class Row
    {
        public required WorkflowInstanceRecord Instance { get; init; }

        public Guid? BureauId { get; init; }

        public string? RequestNumber { get; init; }
    }

    private IQueryable<Row> Rows() =>
        from instance in db.WorkflowInstances.AsNoTracking()
        join request in db.TaxpayerRequests.AsNoTracking() on (string?)instance.Id equals request.WorkflowInstanceId into owners
        from request in owners.DefaultIfEmpty()
        select new Row { Instance = instance, BureauId = request == null ? null : request.BureauId, RequestNumber = request == null ? null : request.Number };

    private static IQueryable<Row> Filter(IQueryable<Row> query, WorkflowInstanceSummaryFilter filter)
    {
        if (filter.BureauIds is { } bureauIds)
        {
            var ids = bureauIds.ToList();
            query = query.Where(r => r.BureauId != null && ids.Contains(r.BureauId.Value));
        }

        if (filter.DefinitionIds is { Count: > 0 } definitionIds)
        {
            var ids = definitionIds.ToList();
            query = query.Where(r => ids.Contains(r.Instance.DefinitionId));
        }

        if (!string.IsNullOrWhiteSpace(filter.CorrelationId))
        {
            var correlationId = filter.CorrelationId.Trim();
            query = query.Where(r => (r.Instance.CorrelationId ?? r.RequestNumber) == correlationId);
        }

        if (filter.Version is { } version)
        {
            query = query.Where(r => r.Instance.DefinitionVersion == version);
        }

        if (filter.HasIncidents is { } hasIncidents)
        {
            query = hasIncidents ? query.Where(r => r.Instance.IncidentCount > 0) : query.Where(r => r.Instance.IncidentCount == 0);
        }

        if (filter.Statuses is { Count: > 0 } statuses)
        {
            var values = statuses.Distinct().ToList();
            query = query.Where(r => values.Contains(r.Instance.Status));
        }

        if (filter.SubStatuses is { Count: > 0 } subStatuses)
        {
            var values = subStatuses.Distinct().ToList();
            query = query.Where(r => values.Contains(r.Instance.SubStatus));
        }

        foreach (var instantFilter in filter.InstantFilters)
        {
            query = query.Where(InstantPredicate(instantFilter));
        }

        if (!string.IsNullOrWhiteSpace(filter.SearchTerm))
        {
            var term = filter.SearchTerm.Trim().ToLower();
            query = query.Where(r =>
                r.Instance.Id.Contains(term) || r.Instance.DefinitionId.ToLower().Contains(term) || r.Instance.DefinitionVersionId.Contains(term)
                || (r.Instance.Name != null && r.Instance.Name.ToLower().Contains(term))
                || (r.Instance.CorrelationId != null && r.Instance.CorrelationId.ToLower().Contains(term))
                || (r.RequestNumber != null && r.RequestNumber.ToLower().Contains(term)));
        }

        return query;
    }

    private static IQueryable<Row> Order(IQueryable<Row> query, WorkflowInstanceSummaryFilter filter) => filter.OrderBy switch
    {
        WorkflowInstanceOrder.UpdatedAt => Then(filter.Descending ? query.OrderByDescending(r => r.Instance.UpdatedAt) : query.OrderBy(r => r.Instance.UpdatedAt), filter),
        WorkflowInstanceOrder.Finished => Then(filter.Descending ? query.OrderByDescending(r => r.Instance.FinishedAt) : query.OrderBy(r => r.Instance.FinishedAt), filter),
        WorkflowInstanceOrder.Name => Then(
            filter.Descending ? query.OrderByDescending(r => r.Instance.Name ?? r.RequestNumber) : query.OrderBy(r => r.Instance.Name ?? r.RequestNumber), filter),
        _ => Then(filter.Descending ? query.OrderByDescending(r => r.Instance.CreatedAt) : query.OrderBy(r => r.Instance.CreatedAt), filter),
    };

    private static IQueryable<Row> Then(IOrderedQueryable<Row> ordered, WorkflowInstanceSummaryFilter filter) =>
        filter.Descending ? ordered.ThenByDescending(r => r.Instance.Id) : ordered.ThenBy(r => r.Instance.Id);

    /// <summary>
    /// The SQL condition of one timestamp filter; an instant at midnight stands for its whole day (Elsa's rule), e.g.
    /// "CreatedAt Is 2026-03-02" → CreatedAt ≥ 03-02 00:00 AND CreatedAt &lt; 03-03 00:00, "GreaterThan 2026-03-02" → from
    /// 03-03 00:00 on, "LessThanOrEqual 2026-03-02" → before 03-03 00:00. An unfinished instance (FinishedAt null) matches only "IsNot".
    /// </summary>
    private static Expression<Func<Row, bool>> InstantPredicate(InstantFilter filter)
    {
        var row = Expression.Parameter(typeof(Row), "r");
        var instance = Expression.Property(row, nameof(Row.Instance));
        Expression column = Expression.Property(instance, filter.Column switch
        {
            InstantColumn.UpdatedAt => nameof(WorkflowInstanceRecord.UpdatedAt),
            InstantColumn.FinishedAt => nameof(WorkflowInstanceRecord.FinishedAt),
            _ => nameof(WorkflowInstanceRecord.CreatedAt),
        });
        column = Expression.Convert(column, typeof(DateTimeOffset?));
        Expression At(DateTimeOffset instant) => Expression.Constant((DateTimeOffset?)instant.ToUniversalTime(), typeof(DateTimeOffset?));
        var wholeDay = filter.IsWholeDay;
        Expression body = filter.Comparison switch
        {
            InstantComparison.Is when wholeDay => Expression.AndAlso(
                Expression.GreaterThanOrEqual(column, At(filter.DayStart)), Expression.LessThan(column, At(filter.DayEnd))),
            InstantComparison.Is => Expression.Equal(column, At(filter.Instant)),
            InstantComparison.IsNot when wholeDay => Expression.OrElse(
                Expression.Equal(column, Expression.Constant(null, typeof(DateTimeOffset?))),
                Expression.OrElse(Expression.LessThan(column, At(filter.DayStart)), Expression.GreaterThanOrEqual(column, At(filter.DayEnd)))),
            InstantComparison.IsNot => Expression.OrElse(
                Expression.Equal(column, Expression.Constant(null, typeof(DateTimeOffset?))), Expression.NotEqual(column, At(filter.Instant))),
            InstantComparison.GreaterThan when wholeDay => Expression.GreaterThanOrEqual(column, At(filter.DayEnd)),
            InstantComparison.GreaterThan => Expression.GreaterThan(column, At(filter.Instant)),
            InstantComparison.GreaterThanOrEqual => Expression.GreaterThanOrEqual(column, At(wholeDay ? filter.DayStart : filter.Instant)),
            InstantComparison.LessThan => Expression.LessThan(column, At(wholeDay ? filter.DayStart : filter.Instant)),
            _ when wholeDay => Expression.LessThan(column, At(filter.DayEnd)),
            _ => Expression.LessThanOrEqual(column, At(filter.Instant)),
        };
        return Expression.Lambda<Func<Row, bool>>(body, row);
    }
}
