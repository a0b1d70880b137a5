using Bpm.Application.Requests;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Append-only: notes are inserted and read, never changed, so none is kept tracked.</summary>
internal sealed class EfRequestNoteStore(BpmDbContext db) : IRequestNoteStore
{
    public async Task AddAsync(RequestNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        db.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(note).State = EntityState.Detached;
    }

    public async Task<IReadOnlyList<RequestNote>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Set<RequestNote>().AsNoTracking().Where(n => n.RequestId == requestId)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
}
