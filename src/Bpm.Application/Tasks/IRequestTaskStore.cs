using Bpm.Domain.Tasks;
using Bpm.Domain.Users;

namespace Bpm.Application.Tasks;

/// <summary>People's tasks on requests. Implementations: Bpm.Persistence (EF Core), one contract test class for all.</summary>
public interface IRequestTaskStore
{
    Task AddAsync(RequestTask task, CancellationToken cancellationToken);

    Task<RequestTask?> FindAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>
    /// The task someone acts on, as <see cref="FindAsync"/>; its request and workflow instance come in the same query and stay
    /// with the unit of work, so that reading them next (a completion does: <c>ITaxpayerRequestStore.FindAsync</c>,
    /// <c>IWorkflowInstanceStore.FindAsync</c>) costs no further trip to the database.
    /// </summary>
    Task<RequestTask?> FindToActOnAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>
    /// A task to show and its request, read together and not tracked (nothing is changed after): <c>GET /api/tasks/{id}</c>,
    /// which a handler's client calls after each completion, makes one trip to the database for both instead of two. Null if
    /// there is no such task; <see cref="TaskAndRequest.Request"/> null only if the request is gone.
    /// </summary>
    Task<TaskAndRequest?> FindWithRequestAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>These tasks, tracked for changing (those that exist); one query, for batches such as a burst of escalations.</summary>
    Task<IReadOnlyList<RequestTask>> FindManyAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken);

    /// <summary>The open task waiting on a bookmark, if any.</summary>
    Task<RequestTask?> FindOpenByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>Every task of a request, oldest first.</summary>
    Task<IReadOnlyList<RequestTask>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Every task of these requests in one read, oldest first per request (e.g. one ledger batch).</summary>
    Task<IReadOnlyList<RequestTask>> ListByRequestsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken);

    /// <summary>
    /// A handler's inbox: open tasks claimed by the user, plus unclaimed open tasks of the user's unit whose role
    /// the user holds, limited to the given bureaus; the earliest due first (tasks without a due date last).
    /// </summary>
    Task<TaskPage> InboxAsync(InboxQuery query, CancellationToken cancellationToken);

    /// <summary>Saves a changed task; a concurrent change since it was read → ConcurrencyConflictException.</summary>
    Task UpdateAsync(RequestTask task, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the open tasks with an SLA count in the given bureaus, in id order, starting after <see cref="OpenTaskBatch.AfterId"/>:
    /// what a re-plan visits, listed once and then read in batches (<see cref="FindManyAsync"/>). Only of one step when
    /// <see cref="OpenTaskBatch.Step"/> is set.
    /// </summary>
    Task<IReadOnlyList<Guid>> ListOpenWithDeadlineAsync(OpenTaskBatch batch, CancellationToken cancellationToken);

    /// <summary>Saves every changed tracked task at once; one changed by someone else → ConcurrencyConflictException, nothing saved.</summary>
    Task UpdateManyAsync(IReadOnlyCollection<RequestTask> tasks, CancellationToken cancellationToken);
}

public sealed record OpenTaskBatch(IReadOnlyCollection<Guid> BureauIds, Bpm.Domain.Sla.SlaStep? Step, Guid? AfterId, int Take);

public sealed record InboxQuery
{
    public required Guid UserId { get; init; }

    public Guid? UnitId { get; init; }

    public required Roles Roles { get; init; }

    public required IReadOnlyCollection<Guid> BureauIds { get; init; }

    /// <summary>Only tasks due before this instant (overdue filter); null = all.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Only tasks of requests of this type; null = all.</summary>
    public Bpm.Domain.Requests.RequestType? RequestType { get; init; }

    /// <summary>Only tasks of requests received through this channel; null = all.</summary>
    public Bpm.Domain.Requests.Channel? Channel { get; init; }

    /// <summary>Only tasks of requests in this status; null = all.</summary>
    public Bpm.Domain.Requests.RequestStatus? RequestStatus { get; init; }

    /// <summary>
    /// Search text: a request number or credit code starting with it (any case: "xt-2026-0001" finds XT-2026-000123),
    /// or a taxpayer name containing it ("恒达" finds 仙桃市恒达纺织有限公司); null or blank = all.
    /// </summary>
    public string? Search { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;

    /// <summary>Count matches only up to this many (<see cref="Paging.PageTotals"/>); more → a lower-bound total.</summary>
    public int TotalCap { get; init; } = Paging.PageTotals.DefaultCap;
}

/// <summary>One inbox page; <see cref="TotalIsLowerBound"/>: more than <see cref="TotalCount"/> tasks match (the count stopped at its cap).</summary>
public sealed record TaskPage(IReadOnlyList<RequestTask> Items, int TotalCount, int Page, int PageSize, bool TotalIsLowerBound = false);
