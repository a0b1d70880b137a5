using Bpm.Engine.Model;
using Bpm.Engine.Stores;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Definition versions as their whole Elsa JSON (<see cref="WorkflowDefinitionJson"/>), so what the designer
/// wrote — positions, custom properties, properties we do not model — comes back unchanged; the columns beside
/// it (definition id, version, latest, published, name, created) are copies for queries. Every read parses a
/// fresh object, so callers cannot change stored versions by mutating what they got.
/// </summary>
internal sealed class EfWorkflowDefinitionStore(BpmDbContext db) : IWorkflowDefinitionStore
{
    public Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        QueryAsync(db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId), cancellationToken);

    public Task<IReadOnlyList<WorkflowDefinition>> ListLatestAsync(CancellationToken cancellationToken) =>
        QueryAsync(db.WorkflowDefinitions.Where(d => d.IsLatest), cancellationToken);

    public async Task<WorkflowDefinition?> FindLatestAsync(string definitionId, CancellationToken cancellationToken) =>
        (await QueryAsync(db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.IsLatest), cancellationToken)).LastOrDefault();

    public async Task<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken) =>
        (await QueryAsync(db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.IsPublished), cancellationToken)).LastOrDefault();

    public async Task<WorkflowDefinition?> FindByVersionIdAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync(db.WorkflowDefinitions.Where(d => d.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>Every registration asks this: a compiled query (EF translates it once) of three columns, no JSON.</summary>
    public Task<PublishedVersion?> FindPublishedVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        PublishedVersionOf.For(db)(db, definitionId, cancellationToken);

    private static readonly CompiledPerModel<Func<BpmDbContext, string, CancellationToken, Task<PublishedVersion?>>> PublishedVersionOf = new(() =>
        EF.CompileAsyncQuery((BpmDbContext db, string definitionId, CancellationToken _) =>
            db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.IsPublished)
                .OrderByDescending(d => d.Version).Select(d => new PublishedVersion(d.Id, d.DefinitionId, d.Version)).FirstOrDefault()));

    /// <summary>One transaction (or the caller's): publishing flips the old published version and the new one together.</summary>
    public async Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var ids = versions.Select(v => v.Id).ToList();
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        var existing = await db.WorkflowDefinitions.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var touched = new List<WorkflowDefinitionRecord>();
        foreach (var version in versions)
        {
            if (!existing.TryGetValue(version.Id, out var record))
            {
                record = new WorkflowDefinitionRecord { Id = version.Id };
                db.WorkflowDefinitions.Add(record);
                existing[version.Id] = record;
            }

            record.DefinitionId = version.DefinitionId;
            record.Version = version.Version;
            record.IsLatest = version.IsLatest;
            record.IsPublished = version.IsPublished;
            record.Name = version.Name;
            record.CreatedAt = version.CreatedAt.ToUniversalTime();
            record.Json = WorkflowDefinitionJson.Write(version);
            touched.Add(record);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            touched.ForEach(record => db.Entry(record).State = EntityState.Detached);
        }
    }

    public async Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken) =>
        await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);

    public async Task<WorkflowDefinitionPage> QueryAsync(WorkflowDefinitionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = Filter(db.WorkflowDefinitions.AsNoTracking(), query);
        var total = await matching.CountAsync(cancellationToken);
        var page = Sort(matching, query).Skip(query.Skip);
        if (query.Take is { } take)
        {
            page = page.Take(take);
        }

        var json = await page.Select(d => d.Json).ToListAsync(cancellationToken);
        return new WorkflowDefinitionPage(json.Select(WorkflowDefinitionJson.Parse).ToList(), total);
    }

    public async Task<int> DeleteVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return await db.WorkflowDefinitions.Where(d => distinct.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<WorkflowDefinitionRecord> Filter(IQueryable<WorkflowDefinitionRecord> records, WorkflowDefinitionQuery query)
    {
        var options = query.Versions;
        records = options.Selection switch
        {
            VersionSelection.Latest => records.Where(d => d.IsLatest),
            VersionSelection.Published => records.Where(d => d.IsPublished),
            VersionSelection.LatestOrPublished => records.Where(d => d.IsLatest || d.IsPublished),
            VersionSelection.LatestAndPublished => records.Where(d => d.IsLatest && d.IsPublished),
            VersionSelection.Draft => records.Where(d => !d.IsPublished),
            VersionSelection.SpecificVersion => records.Where(d => d.Version == options.Version),
            _ => records,
        };
        if (query.DefinitionIds is { } definitionIds)
        {
            var list = definitionIds.ToList();
            records = records.Where(d => list.Contains(d.DefinitionId));
        }

        if (query.Ids is { } ids)
        {
            var list = ids.ToList();
            records = records.Where(d => list.Contains(d.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            // Lower-cased on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL.
            var term = query.SearchTerm.Trim().ToLowerInvariant();
            records = records.Where(d => (d.Name != null && d.Name.ToLower().Contains(term)) || d.DefinitionId.ToLower().Contains(term) || d.Id.ToLower().Contains(term));
        }

        return records;
    }

    private static IQueryable<WorkflowDefinitionRecord> Sort(IQueryable<WorkflowDefinitionRecord> records, WorkflowDefinitionQuery query)
    {
        var ordered = (query.OrderBy, query.Descending) switch
        {
            (WorkflowDefinitionOrder.Created, false) => records.OrderBy(d => d.CreatedAt),
            (WorkflowDefinitionOrder.Created, true) => records.OrderByDescending(d => d.CreatedAt),
            (WorkflowDefinitionOrder.Version, false) => records.OrderBy(d => d.Version),
            (WorkflowDefinitionOrder.Version, true) => records.OrderByDescending(d => d.Version),
            (_, false) => records.OrderBy(d => d.Name),
            (_, true) => records.OrderByDescending(d => d.Name),
        };
        return ordered.ThenBy(d => d.DefinitionId).ThenBy(d => d.Version);
    }

    private static async Task<IReadOnlyList<WorkflowDefinition>> QueryAsync(IQueryable<WorkflowDefinitionRecord> query, CancellationToken cancellationToken)
    {
        var json = await query.AsNoTracking().OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).Select(d => d.Json).ToListAsync(cancellationToken);
        return json.Select(WorkflowDefinitionJson.Parse).ToList();
    }
}
