using Bpm.Application.Paging;
using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Persistence.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

internal sealed class EfTaxpayerRequestStore(BpmDbContext db) : ITaxpayerRequestStore
{
    /// <summary>
    /// Takes the bureau's next number and inserts the request, in a transaction of its own — or, inside a unit of
    /// work, in the caller's, so that a request whose workflow could not start is not left behind and uses no
    /// number. The number comes from one atomic <c>… SET LastSequence = LastSequence + 1 RETURNING</c>: the
    /// row lock it takes makes a second registration of the same bureau and year wait until the first commits
    /// (or rolls back, giving the number back), so numbers never collide and never need a retry.
    /// </summary>
    public async Task<TaxpayerRequest> RegisterAsync(
        Guid bureauId, string prefix, int year, Func<RequestNumber, TaxpayerRequest> create, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        var sequence = await NextSequenceAsync(bureauId, year, cancellationToken);
        if (sequence > RequestNumber.MaxSequence)
        {
            throw new DomainException("request.number-exhausted", $"{prefix} {year}年的诉求编号已用完", "number");
        }

        var request = create(new RequestNumber(prefix, year, sequence));
        db.TaxpayerRequests.Add(request);
        try
        {
            await db.SaveUnlessDeferredAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Not kept: it must not ride along with the caller's next SaveChanges.
            db.Entry(request).State = EntityState.Detached;
            throw;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return request;
    }

    /// <summary>
    /// Increments the (bureau, year) counter and returns the new value; the first registration of a bureau's year creates it at 1.
    /// On SQLite and PostgreSQL that is one upsert (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>: Xiantao's first request
    /// of 2027 gets 1, the next 2); on SQL Server the counter is created at 0 if missing, then incremented.
    /// </summary>
    private async Task<int> NextSequenceAsync(Guid bureauId, int year, CancellationToken cancellationToken)
    {
        var database = db.Database;
        if (db is not SqlServerBpmDbContext)
        {
            var upsert = database.SqlQuery<int>(
                $"""
                INSERT INTO "RequestNumberSequences" ("BureauId", "Year", "LastSequence") VALUES ({bureauId}, {year}, 1)
                ON CONFLICT ("BureauId", "Year") DO UPDATE SET "LastSequence" = "RequestNumberSequences"."LastSequence" + 1
                RETURNING "LastSequence" AS "Value"
                """);
            return (await upsert.ToListAsync(cancellationToken)).Single();
        }

        await database.ExecuteSqlAsync(
            $"""
            MERGE "RequestNumberSequences" WITH (HOLDLOCK) AS t
            USING (SELECT {bureauId} AS "BureauId", {year} AS "Year") AS s ON t."BureauId" = s."BureauId" AND t."Year" = s."Year"
            WHEN NOT MATCHED THEN INSERT ("BureauId", "Year", "LastSequence") VALUES (s."BureauId", s."Year", 0);
            """,
            cancellationToken);
        var next = database.SqlQuery<int>(
            $"""UPDATE "RequestNumberSequences" SET "LastSequence" = "LastSequence" + 1 OUTPUT INSERTED."LastSequence" AS "Value" WHERE "BureauId" = {bureauId} AND "Year" = {year}""");
        return (await next.ToListAsync(cancellationToken)).Single();
    }

    /// <summary>
    /// The one this unit of work already tracks (read with its task, <see cref="EfRequestTaskStore.FindToActOnAsync"/>) without
    /// asking the database again — a query would return that same tracked object anyway; else read.
    /// </summary>
    public Task<TaxpayerRequest?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.TaxpayerRequests.FindAsync([id], cancellationToken).AsTask();

    /// <summary>The ids travel as one parameter (<see cref="IdLists"/>).</summary>
    public async Task<IReadOnlyList<TaxpayerRequest>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var list = IdLists.Of(ids);
        return list.Length == 0 ? [] : await ById(list).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The ids travel as one parameter (<see cref="IdLists"/>).</summary>
    public async Task<IReadOnlyDictionary<Guid, RequestType>> TypesOfAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var list = IdLists.Of(ids);
        return list.Length == 0
            ? new Dictionary<Guid, RequestType>()
            : await ById(list).Select(r => new { r.Id, r.Type })
                .ToDictionaryAsync(r => r.Id, r => r.Type, cancellationToken);
    }

    private IQueryable<TaxpayerRequest> ById(Guid[] ids) =>
        IdLists.Rows<TaxpayerRequest>(db, nameof(TaxpayerRequest.Id), ids, r => EF.Parameter(ids).Contains(r.Id));

    public Task<TaxpayerRequest?> FindByNumberAsync(string number, CancellationToken cancellationToken) =>
        db.TaxpayerRequests.SingleOrDefaultAsync(r => r.Number == number, cancellationToken);

    /// <summary>
    /// Newest receipt first; the total counted only up to <see cref="TaxpayerRequestFilter.TotalCap"/> (<see cref="PageTotals"/>).
    /// Reading each bureau on its own and merging was tried and dropped: with a bound bureau parameter SQLite walks the
    /// (receipt, number) index through all 10⁶ requests for a bureau with few or none (the national bureau's: 4–7 s).
    /// </summary>
    public async Task<RequestPage> ListAsync(TaxpayerRequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filtered(filter);
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        if (filter.Search is { } search && RequestSearch.UsesTrigramIndex(db, search.Trim()))
        {
            var (ids, found, foundIsLowerBound) = await KeysFirstPage.ReadAsync(
                query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Number).Select(r => r.Id), filter.TotalCap, page, size, cancellationToken);
            var rows = ids.Length == 0 ? [] : await ById(ids).AsNoTracking().ToListAsync(cancellationToken);
            return new RequestPage(KeysFirstPage.InOrderOf(ids, rows, r => r.Id), found, page, size, foundIsLowerBound);
        }

        var limit = PageTotals.CountLimit(filter.TotalCap, page, size);
        var (total, lowerBound) = PageTotals.FromCount(await query.Take(limit).CountAsync(cancellationToken), limit);
        var items = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Number)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new RequestPage(items, total, page, size, lowerBound);
    }

    public async Task<IReadOnlyList<TaxpayerRequest>> ListBatchAsync(
        TaxpayerRequestFilter filter, RequestListCursor? after, int batchSize, CancellationToken cancellationToken)
    {
        var query = Filtered(filter);
        if (after is not null)
        {
            var at = after.ReceivedAt.ToUniversalTime();
            var number = after.Number;
            query = query.Where(r => r.ReceivedAt < at || (r.ReceivedAt == at && string.Compare(r.Number, number) < 0));
        }

        return await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Number)
            .Take(Math.Clamp(batchSize, 1, 5_000)).ToListAsync(cancellationToken);
    }

    private IQueryable<TaxpayerRequest> Filtered(TaxpayerRequestFilter filter)
    {
        var query = db.TaxpayerRequests.AsNoTracking();
        if (filter.BureauIds is { } bureauIds)
        {
            query = query.Where(r => bureauIds.Contains(r.BureauId));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(r => r.Type == type);
        }

        if (filter.CategoryCode is { } category)
        {
            query = query.Where(r => r.CategoryCode == category);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }

        if (filter.CreditCode is { } creditCode)
        {
            var digest = db.PersonalData.Digest(creditCode);
            query = query.Where(r => EF.Property<string?>(r, PersonalDataColumns.CreditCodeDigest) == digest);
        }

        if (filter.ReceivedFrom is { } from)
        {
            query = query.Where(r => r.ReceivedAt >= from.ToUniversalTime());
        }

        if (filter.ReceivedBefore is { } before)
        {
            query = query.Where(r => r.ReceivedAt < before.ToUniversalTime());
        }

        if (filter.Industry is { } industry)
        {
            query = query.Where(r => r.Industry == industry);
        }

        if (filter.Size is { } size)
        {
            query = query.Where(r => r.Size == size);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            var code = text.ToUpperInvariant();

            // The credit code is encrypted, so it matches whole (its digest), never by prefix: 91429004MA4F2XXXXL finds
            // that taxpayer's requests, 914290 finds none. The number matches whole, the name by part (RequestSearch).
            if (RequestSearch.UsesTrigramIndex(db, text))
            {
                var found = RequestSearch.FoundByIndexes(db, text);
                query = query.Where(r => found.Contains(r.Id));
            }
            else
            {
                var digest = db.PersonalData.Digest(code);
                query = query.Where(r => r.Number == code || EF.Property<string?>(r, PersonalDataColumns.CreditCodeDigest) == digest || r.TaxpayerName.Contains(text));
            }
        }

        if (filter.Tag is { } tag)
        {
            query = query.Where(r => db.Set<Bpm.Domain.Tags.RequestTag>().Where(t => t.RequestId == r.Id && t.Name == tag).Take(1).Any());
        }

        if (filter.OverdueAsOf is { } asOf)
        {
            var now = asOf.ToUniversalTime();
            // Written EXISTS (SELECT 1 … LIMIT 1): without the LIMIT, the bundled SQLite (3.35) may turn a correlated EXISTS
            // into an IN list built from the whole other table first. The national overdue list at 10⁶ requests listed all
            // 250,000 overdue tasks before its first row: 6–7 s; with the LIMIT it checks each request by index as it reads
            // the list in order: 14 ms. PostgreSQL drops a constant LIMIT from an EXISTS and plans it as before.
            query = query.Where(r => db.RequestTasks.Where(t => t.RequestId == r.Id && t.DueAt != null
                && ((t.Status == RequestTaskStatus.Open && t.PausedAt == null && t.DueAt <= now)
                    || (t.Status == RequestTaskStatus.Completed && t.CompletedAt >= t.DueAt))).Take(1).Any());
        }

        return query;
    }

    public Task UpdateAsync(TaxpayerRequest request, CancellationToken cancellationToken) =>
        db.SaveVersionedAsync(request, $"诉求 {request.Number} 已被他人修改，请刷新后重试", cancellationToken);
}
