using Bpm.Application.Paging;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Persistence.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Tasks with optimistic concurrency on <see cref="RequestTask.Version"/>: found tasks stay tracked by the
/// scope's context, so claim/complete → <see cref="UpdateAsync"/> saves only if nobody changed the task since;
/// two handlers completing the same task: the second gets <see cref="ConcurrencyConflictException"/> (409).
/// </summary>
internal sealed class EfRequestTaskStore(BpmDbContext db) : IRequestTaskStore
{
    public async Task AddAsync(RequestTask task, CancellationToken cancellationToken)
    {
        db.RequestTasks.Add(task);
        await db.SaveUnlessDeferredAsync(cancellationToken);
    }

    public Task<RequestTask?> FindAsync(Guid taskId, CancellationToken cancellationToken) =>
        db.RequestTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    /// <summary>
    /// One query with the request and the instance joined, all three tracked: on PostgreSQL a completion waited three times
    /// (~0.5 ms each here) for what is now one answer. Either may be missing (a task is never without them, but the task is
    /// still found then).
    /// </summary>
    public async Task<RequestTask?> FindToActOnAsync(Guid taskId, CancellationToken cancellationToken) =>
        (await ToActOn.For(db)(db, taskId, cancellationToken))?.Task;

    /// <summary>The three rows of <see cref="FindToActOnAsync"/>, tracked as they are materialised.</summary>
    private sealed record TaskToActOn(RequestTask Task, Bpm.Domain.Requests.TaxpayerRequest? Request, Workflows.WorkflowInstanceRecord? Instance);

    // Translated once per model, like the other reads of every completion (EF's translation cache lookup and parameter
    // extraction for a three-way join cost more than the query's round trip in processor time).
    private static readonly CompiledPerModel<Func<BpmDbContext, Guid, CancellationToken, Task<TaskToActOn?>>> ToActOn =
        new(() => EF.CompileAsyncQuery((BpmDbContext db, Guid taskId, CancellationToken _) => (
            from task in db.RequestTasks.Where(t => t.Id == taskId)
            join request in db.TaxpayerRequests on task.RequestId equals request.Id into requests
            from request in requests.DefaultIfEmpty()
            join instance in db.WorkflowInstances on task.WorkflowInstanceId equals instance.Id into instances
            from instance in instances.DefaultIfEmpty()
            select new TaskToActOn(task, request, instance)).SingleOrDefault()));

    public Task<TaskAndRequest?> FindWithRequestAsync(Guid taskId, CancellationToken cancellationToken) =>
        WithRequest.For(db)(db, taskId, cancellationToken);

    // Translated once per model: every handler's client reads the next task after each completion.
    private static readonly CompiledPerModel<Func<BpmDbContext, Guid, CancellationToken, Task<TaskAndRequest?>>> WithRequest =
        new(() => EF.CompileAsyncQuery((BpmDbContext db, Guid taskId, CancellationToken _) => (
            from task in db.RequestTasks.AsNoTracking().Where(t => t.Id == taskId)
            join request in db.TaxpayerRequests.AsNoTracking() on task.RequestId equals request.Id into requests
            from request in requests.DefaultIfEmpty()
            select new TaskAndRequest(task, request)).SingleOrDefault()));

    /// <summary>The ids travel as one parameter (<see cref="IdLists"/>), however many there are.</summary>
    public async Task<IReadOnlyList<RequestTask>> FindManyAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        var ids = IdLists.Of(taskIds);
        return ids.Length == 0 ? [] : await IdLists.Rows<RequestTask>(db, nameof(RequestTask.Id), ids, t => EF.Parameter(ids).Contains(t.Id))
            .ToListAsync(cancellationToken);
    }

    public Task<RequestTask?> FindOpenByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) =>
        db.RequestTasks.Where(t => t.BookmarkId == bookmarkId && t.Status == RequestTaskStatus.Open)
            .OrderBy(t => t.OpenedAt).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<RequestTask>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var tasks = new List<RequestTask>();
        await foreach (var task in OfRequest.For(db)(db, requestId).WithCancellation(cancellationToken))
        {
            tasks.Add(task);
        }

        return tasks;
    }

    // Translated once per model: a completion's answer lists the request's tasks after every commit.
    private static readonly CompiledPerModel<Func<BpmDbContext, Guid, IAsyncEnumerable<RequestTask>>> OfRequest =
        new(() => EF.CompileAsyncQuery<BpmDbContext, Guid, RequestTask>((db, requestId) =>
            db.RequestTasks.AsNoTracking().Where(t => t.RequestId == requestId).OrderBy(t => t.OpenedAt).ThenBy(t => t.Id)));

    public async Task<IReadOnlyList<RequestTask>> ListByRequestsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken) =>
        await db.RequestTasks.AsNoTracking().Where(t => requestIds.Contains(t.RequestId))
            .OrderBy(t => t.RequestId).ThenBy(t => t.OpenedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Open tasks of the given bureaus that the user claimed, or that nobody claimed, belong to the user's unit
    /// and ask for a role the user holds (a user with Handler|Approver sees unclaimed Handler and Approver tasks).
    /// Earliest due first, tasks without a due date last, then the oldest.
    /// </summary>
    /// <remarks>
    /// The order is read from indexes, never by sorting every open task: the two halves (claimed by the user, unclaimed in the
    /// unit) are each read in due order — tasks with a due instant by (unit, status, due), then those without one — up to
    /// the end of the page asked for, and merged here. Page 2 of 50 reads at most 100 rows per half, whatever the inbox's size.
    /// </remarks>
    public async Task<TaskPage> InboxAsync(InboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bureauIds = query.BureauIds.ToList();
        var userId = query.UserId;
        var unitId = query.UnitId;

        // Roles are stored by name ("Handler"), so "a role the user holds" is a list of names, not a bit test.
        var heldRoles = Enum.GetValues<Roles>().Where(r => r != Roles.None && query.Roles.HasFlag(r)).ToList();

        var open = db.RequestTasks.AsNoTracking()
            .Where(t => t.Status == RequestTaskStatus.Open && bureauIds.Contains(t.BureauId));
        if (query.DueBefore is { } dueBefore)
        {
            var before = dueBefore.ToUniversalTime();
            open = open.Where(t => t.DueAt != null && t.DueAt < before);
        }

        if (query.RequestType is { } type)
        {
            open = open.Where(t => t.RequestType == type);
        }

        open = FilterByRequest(open, query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 500);
        if (SearchesByTrigrams(query))
        {
            // Both halves in one statement, so that the trigram lookup runs once (KeysFirstPage); the few open tasks found are
            // read by id and sorted, ties by id.
            var mine = unitId is { } inUnit && heldRoles.Count > 0
                ? open.Where(t => t.ClaimedBy == userId || (t.AssigneeUnitId == inUnit && t.ClaimedBy == null && heldRoles.Contains(t.AssigneeRole)))
                : open.Where(t => t.ClaimedBy == userId);
            var (ids, found, foundIsLowerBound) = await KeysFirstPage.ReadAsync(
                mine.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.OpenedAt).ThenBy(t => t.Id).Select(t => t.Id),
                query.TotalCap, page, size, cancellationToken);
            var rows = ids.Length == 0 ? [] : await IdLists.Rows<RequestTask>(db, nameof(RequestTask.Id), ids, t => EF.Parameter(ids).Contains(t.Id))
                .AsNoTracking().ToListAsync(cancellationToken);
            return new TaskPage(KeysFirstPage.InOrderOf(ids, rows, t => t.Id), found, page, size, foundIsLowerBound);
        }

        var claimed = open.Where(t => t.ClaimedBy == userId);
        var unclaimed = unitId is { } unit && heldRoles.Count > 0
            ? open.Where(t => t.AssigneeUnitId == unit && t.ClaimedBy == null && heldRoles.Contains(t.AssigneeRole))
            : null;
        var limit = PageTotals.CountLimit(query.TotalCap, page, size);

        // Counted half by half (they never overlap: claimed by the user, or claimed by nobody), each through its own index.
        // One count of "claimed by me OR unclaimed in my unit" made SQLite walk all of the bureau's open tasks instead.
        var counted = await claimed.Take(limit).CountAsync(cancellationToken);
        if (unclaimed is not null && counted < limit)
        {
            counted += await unclaimed.Take(limit - counted).CountAsync(cancellationToken);
        }

        var (total, lowerBound) = PageTotals.FromCount(counted, limit);

        var end = page * size;
        // Each half's own index columns lead its order (one value each here), so that SQLite reads that index instead of
        // walking (Status, DueAt) through every open task looking for a user who claimed none.
        var candidates = await FirstInDueOrderAsync(claimed, q => q.OrderBy(t => t.ClaimedBy).ThenBy(t => t.Status), end, cancellationToken);
        if (unclaimed is not null)
        {
            // With a type, (unit, type) leads: IX_RequestTasks_UnclaimedOpenByType holds exactly those tasks in due order.
            candidates.AddRange(await FirstInDueOrderAsync(
                unclaimed,
                query.RequestType is null ? q => q.OrderBy(t => t.AssigneeUnitId).ThenBy(t => t.Status) : q => q.OrderBy(t => t.AssigneeUnitId).ThenBy(t => t.RequestType),
                end,
                cancellationToken));
        }

        // A stable sort without the id: ties keep the database's id order within each half, so pages never overlap.
        var items = candidates.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.OpenedAt)
            .Skip((page - 1) * size).Take(size).ToList();
        return new TaskPage(items, total, page, size, lowerBound);
    }

    /// <summary>The first <paramref name="count"/> tasks in inbox order: those with a due instant by it, then those without by opening.</summary>
    private static async Task<List<RequestTask>> FirstInDueOrderAsync(
        IQueryable<RequestTask> tasks, Func<IQueryable<RequestTask>, IOrderedQueryable<RequestTask>> lead, int count, CancellationToken cancellationToken)
    {
        var first = await lead(tasks.Where(t => t.DueAt != null)).ThenBy(t => t.DueAt).ThenBy(t => t.OpenedAt).ThenBy(t => t.Id)
            .Take(count).ToListAsync(cancellationToken);
        if (first.Count < count)
        {
            first.AddRange(await lead(tasks.Where(t => t.DueAt == null)).ThenBy(t => t.OpenedAt).ThenBy(t => t.Id)
                .Take(count - first.Count).ToListAsync(cancellationToken));
        }

        return first;
    }

    /// <summary>The trimmed search text, or null when there is none.</summary>
    private static string? SearchOf(InboxQuery query) => string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();

    private bool SearchesByTrigrams(InboxQuery query) => SearchOf(query) is { } search && RequestSearch.UsesTrigramIndex(db, search);

    /// <summary>
    /// The request filters of the inbox (channel, status, search; the type is on the task). A search through a trigram index
    /// looks among open tasks only (<see cref="RequestSearch.OpenTasksFound"/>: their own copy of the name, and the open tasks
    /// of the requests found by number or credit code): "基准测试纳税人42" at 10⁶ requests is 2,000 open tasks read from their
    /// own index instead of 22,200 requests matched against the unit's 40,000 open tasks. Otherwise, and for channel and
    /// status, a semi-join on the requests table per candidate task.
    /// </summary>
    private IQueryable<RequestTask> FilterByRequest(IQueryable<RequestTask> tasks, InboxQuery query)
    {
        var search = SearchOf(query);
        var byTrigrams = search is not null && RequestSearch.UsesTrigramIndex(db, search);
        if (byTrigrams)
        {
            var found = RequestSearch.OpenTasksFound(db, search!);
            tasks = tasks.Where(t => found.Contains(t.Id));
        }

        // A text the trigram index cannot serve (under three characters, or SQL Server) is compared per candidate's request.
        var plainSearch = byTrigrams ? null : search;
        if (query.Channel is null && query.RequestStatus is null && plainSearch is null)
        {
            return tasks;
        }

        var requests = db.TaxpayerRequests.AsNoTracking();
        if (query.Channel is { } channel)
        {
            requests = requests.Where(r => r.Channel == channel);
        }

        if (query.RequestStatus is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (plainSearch is not null)
        {
            // A request number matches by prefix; the credit code, encrypted, only whole (by its digest).
            var upper = plainSearch.ToUpperInvariant();
            var digest = db.PersonalData.Digest(upper);
            requests = requests.Where(r => r.Number.StartsWith(upper) || EF.Property<string?>(r, PersonalDataColumns.CreditCodeDigest) == digest || r.TaxpayerName.Contains(plainSearch));
        }

        // EXISTS (… LIMIT 1): see EfTaxpayerRequestStore.Filtered, the overdue list, for why the Take(1).
        return tasks.Where(t => requests.Where(r => r.Id == t.RequestId).Take(1).Any());
    }

    public Task UpdateAsync(RequestTask task, CancellationToken cancellationToken) =>
        db.SaveVersionedAsync(task, $"任务“{task.Title}”已被他人处理，请刷新后重试", cancellationToken);

    /// <summary>
    /// Keyset paging: the next batch starts after the last id of the previous one, so tasks closed or opened between
    /// batches never make one skip or repeat another. The id order is the database's (uuid, text or uniqueidentifier),
    /// the same one <c>Id &gt; AfterId</c> compares in.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ListOpenWithDeadlineAsync(OpenTaskBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch.Take);
        var bureauIds = batch.BureauIds.ToList();
        var tasks = db.RequestTasks
            .Where(t => t.Status == RequestTaskStatus.Open && t.SlaCountFrom != null && bureauIds.Contains(t.BureauId));
        if (batch.Step is { } step)
        {
            tasks = tasks.Where(t => t.SlaStep == step);
        }

        if (batch.AfterId is { } afterId)
        {
            tasks = tasks.Where(t => t.Id.CompareTo(afterId) > 0);
        }

        return await tasks.OrderBy(t => t.Id).Take(batch.Take).Select(t => t.Id).ToListAsync(cancellationToken);
    }

    public Task UpdateManyAsync(IReadOnlyCollection<RequestTask> tasks, CancellationToken cancellationToken) =>
        db.UpdateTrackedAsync(tasks, "有任务已被他人处理，本批未保存，请重新读取后重试", cancellationToken);
}
