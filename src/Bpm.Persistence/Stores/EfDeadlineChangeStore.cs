using Bpm.Application.Tasks;
using Bpm.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Append-only: rows are inserted and read, never changed, so none is kept tracked.</summary>
internal sealed class EfDeadlineChangeStore(BpmDbContext db) : IDeadlineChangeStore
{
    public async Task AddAsync(IReadOnlyCollection<DeadlineChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await db.InsertAsync([.. changes], cancellationToken);
    }

    public async Task<IReadOnlyList<DeadlineChange>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.DeadlineChanges.AsNoTracking().Where(c => c.RequestId == requestId)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);
}
