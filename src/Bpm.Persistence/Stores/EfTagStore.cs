using Bpm.Application.Library;
using Bpm.Domain.Tags;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Tags are replaced whole (a request's, a bureau's vocabulary) and read untracked.</summary>
internal sealed class EfTagStore(BpmDbContext db) : ITagStore
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> VocabulariesAsync(
        IReadOnlyCollection<Guid> bureauIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<BureauTag>().AsNoTracking().Where(t => bureauIds.Contains(t.BureauId)).ToListAsync(cancellationToken);
        return rows.GroupBy(t => t.BureauId).ToDictionary(
            g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(t => t.Order).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Name).ToList());
    }

    public async Task ReplaceVocabularyAsync(Guid bureauId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await db.Set<BureauTag>().Where(t => t.BureauId == bureauId).ExecuteDeleteAsync(cancellationToken);
        var rows = names.Select((name, order) => new BureauTag(bureauId, name, order)).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<RequestTag>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RequestTag>().AsNoTracking().Where(t => t.RequestId == requestId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<RequestTag>>> ListByRequestsAsync(
        IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken)
    {
        var rows = new List<RequestTag>();
        foreach (var chunk in requestIds.Distinct().Chunk(500))
        {
            rows.AddRange(await db.Set<RequestTag>().AsNoTracking().Where(t => chunk.Contains(t.RequestId)).ToListAsync(cancellationToken));
        }

        return rows.GroupBy(t => t.RequestId).ToDictionary(
            g => g.Key, g => (IReadOnlyList<RequestTag>)g.OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }

    public async Task ReplaceRequestTagsAsync(Guid requestId, IReadOnlyList<RequestTag> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await db.Set<RequestTag>().Where(t => t.RequestId == requestId).ExecuteDeleteAsync(cancellationToken);
        db.AddRange(tags);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var tag in tags)
        {
            db.Entry(tag).State = EntityState.Detached;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
