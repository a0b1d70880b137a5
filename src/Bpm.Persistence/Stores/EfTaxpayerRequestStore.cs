using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

internal sealed class EfTaxpayerRequestStore(BpmDbContext db) : ITaxpayerRequestStore
{
    /// <summary>Two registrations racing for the same number: the loser re-reads and tries again.</summary>
    private const int MaxNumberAttempts = 20;

    /// <summary>
    /// Takes the bureau's next number and inserts the request, in a transaction of its own — or, inside a unit of
    /// work, in the caller's, so that a request whose workflow could not start is not left behind and uses no
    /// number. The retry on a lost race only happens in its own transaction: in the caller's, a failed statement
    /// may have doomed the transaction (PostgreSQL), and undoing it is the caller's call, so the error goes up.
    /// </summary>
    public async Task<TaxpayerRequest> RegisterAsync(
        Guid bureauId, string prefix, int year, Func<RequestNumber, TaxpayerRequest> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Only this attempt's own rows are tracked, and they are let go again unless saved: an aborted
            // reservation must not ride along with the caller's next SaveChanges (it would use up a number),
            // and the caller's other tracked entities stay tracked (ChangeTracker.Clear() detached them, so a
            // request loaded earlier in the same scope then saved without its row version → false conflict).
            RequestNumberSequence? sequence = null;
            TaxpayerRequest? request = null;
            var saved = false;
            await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
            try
            {
                sequence = await db.RequestNumberSequences.AsNoTracking()
                    .SingleOrDefaultAsync(s => s.BureauId == bureauId && s.Year == year, cancellationToken);
                if (sequence is null)
                {
                    sequence = new RequestNumberSequence { BureauId = bureauId, Year = year };
                    db.RequestNumberSequences.Add(sequence);
                }
                else
                {
                    db.RequestNumberSequences.Attach(sequence); // the value read is the concurrency token's original
                }

                if (sequence.LastSequence >= RequestNumber.MaxSequence)
                {
                    throw new DomainException("request.number-exhausted", $"{prefix} {year}年的诉求编号已用完", "number");
                }

                sequence.LastSequence++;
                request = create(new RequestNumber(prefix, year, sequence.LastSequence));
                db.TaxpayerRequests.Add(request);
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                saved = true;
                return request;
            }
            catch (DbUpdateException) when (transaction is not null && attempt < MaxNumberAttempts)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            finally
            {
                Forget(sequence);
                if (!saved)
                {
                    Forget(request);
                }
            }
        }
    }

    private void Forget(object? entity)
    {
        if (entity is not null)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public Task<TaxpayerRequest?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.TaxpayerRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<TaxpayerRequest?> FindByNumberAsync(string number, CancellationToken cancellationToken) =>
        db.TaxpayerRequests.SingleOrDefaultAsync(r => r.Number == number, cancellationToken);

    public async Task<RequestPage> ListAsync(TaxpayerRequestFilter filter, CancellationToken cancellationToken)
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
            query = query.Where(r => r.CreditCode == creditCode);
        }

        if (filter.ReceivedFrom is { } from)
        {
            query = query.Where(r => r.ReceivedAt >= from.ToUniversalTime());
        }

        if (filter.ReceivedBefore is { } before)
        {
            query = query.Where(r => r.ReceivedAt < before.ToUniversalTime());
        }

        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Number)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new RequestPage(items, total, page, size);
    }

    public async Task UpdateAsync(TaxpayerRequest request, CancellationToken cancellationToken)
    {
        if (db.Entry(request).State == EntityState.Detached)
        {
            db.TaxpayerRequests.Update(request);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Give the caller back the version it had, so a retry after re-reading is not confused by our bump.
            var entry = db.Entry(request);
            entry.Property(r => r.Version).CurrentValue = entry.Property(r => r.Version).OriginalValue;
            entry.State = EntityState.Detached;
            throw new ConcurrencyConflictException($"诉求 {request.Number} 已被他人修改，请刷新后重试");
        }
    }
}
