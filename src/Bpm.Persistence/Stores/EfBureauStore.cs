using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;
using Bpm.Persistence.Bureaus;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <remarks>
/// Scoped like its DbContext (one per HTTP request): the tree and the unit lists it read are kept for the rest
/// of the scope and forgotten on any write through this store. A registration asks for the tree three times;
/// it is read once per scope, and from the node's <see cref="BureauTreeCache"/> (one query of its counter) while no
/// bureau, unit, calendar day, category, SLA rule or holiday changed. Every write here moves the counter after its change.
/// </remarks>
internal sealed class EfBureauStore(BpmDbContext db, BureauTreeCache cache) : IBureauStore
{
    private IReadOnlyDictionary<Guid, IReadOnlyList<Unit>>? _units;
    private BureauTree? _tree;
    private long _version;

    public async Task<BureauTree> LoadTreeAsync(CancellationToken cancellationToken)
    {
        if (_tree is not null)
        {
            return _tree;
        }

        var version = _version = await BureauTreeCache.VersionAsync(db, cancellationToken);
        if (cache.Find(version) is { } shared && !db.ChangedBureauTree)
        {
            return _tree = shared;
        }

        var bureaus = await db.Bureaus.AsNoTracking().ToListAsync(cancellationToken);
        var days = await db.BureauCalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var categories = await db.RequestCategories.AsNoTracking().ToListAsync(cancellationToken);
        var rules = await db.SlaRules.AsNoTracking().ToListAsync(cancellationToken);
        var published = await db.PublishedHolidays.AsNoTracking().ToListAsync(cancellationToken);
        _tree = new BureauTree(bureaus, days, categories, rules, NationalHolidays.Calendar(published));
        if (!db.ChangedBureauTree)
        {
            cache.Keep(version, _tree);
        }

        return _tree;
    }

    /// <summary>After a write: this scope reads again, and every node does once the write commits.</summary>
    private async Task ChangedAsync(CancellationToken cancellationToken)
    {
        Forget();
        await BureauTreeCache.BumpAsync(db, cancellationToken);
    }

    /// <summary>What this scope read may now be out of date.</summary>
    private void Forget()
    {
        _tree = null;
        _units = null;
    }

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => db.Bureaus.AnyAsync(cancellationToken);

    public async Task AddBureauAsync(Bureau bureau, CancellationToken cancellationToken)
    {
        Forget();
        db.Bureaus.Add(bureau);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(cancellationToken);
    }

    public async Task AddUnitAsync(Unit unit, CancellationToken cancellationToken)
    {
        Forget();
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(cancellationToken);
    }

    public async Task<Unit?> FindUnitAsync(Guid unitId, CancellationToken cancellationToken) =>
        (await UnitsAsync(cancellationToken)).Values.SelectMany(units => units).FirstOrDefault(u => u.Id == unitId);

    public async Task<IReadOnlyList<Unit>> ListUnitsAsync(Guid bureauId, CancellationToken cancellationToken) =>
        (await UnitsAsync(cancellationToken)).TryGetValue(bureauId, out var units) ? units : [];

    /// <summary>
    /// Every unit by bureau, in code order: the node's copy while the tree's counter has not moved (units are immutable, so
    /// scopes share them), else read whole once (a few thousand rows at most: ~10 units a bureau).
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Unit>>> UnitsAsync(CancellationToken cancellationToken)
    {
        if (_units is not null)
        {
            return _units;
        }

        await LoadTreeAsync(cancellationToken);
        if (cache.FindUnits(_version) is { } shared && !db.ChangedBureauTree)
        {
            return _units = shared;
        }

        var all = await db.Units.AsNoTracking().OrderBy(u => u.BureauId).ThenBy(u => u.Code).ToListAsync(cancellationToken);
        _units = all.GroupBy(u => u.BureauId).ToDictionary(g => g.Key, g => (IReadOnlyList<Unit>)[.. g]);
        if (!db.ChangedBureauTree)
        {
            cache.KeepUnits(_version, _units);
        }

        return _units;
    }

    public async Task SetCalendarDayAsync(BureauCalendarDay day, CancellationToken cancellationToken)
    {
        Forget();
        await db.BureauCalendarDays.Where(d => d.BureauId == day.BureauId && d.Date == day.Date).ExecuteDeleteAsync(cancellationToken);
        await AddUntrackedAsync([day], cancellationToken);
        await ChangedAsync(cancellationToken);
    }

    public async Task<bool> RemoveCalendarDayAsync(Guid bureauId, DateOnly date, CancellationToken cancellationToken)
    {
        Forget();
        var removed = await db.BureauCalendarDays.Where(d => d.BureauId == bureauId && d.Date == date).ExecuteDeleteAsync(cancellationToken) > 0;
        await ChangedAsync(cancellationToken);
        return removed;
    }

    public async Task ReplaceCategoriesAsync(Guid bureauId, IReadOnlyList<RequestCategory> categories, CancellationToken cancellationToken)
    {
        Forget();
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await db.RequestCategories.Where(c => c.BureauId == bureauId).ExecuteDeleteAsync(cancellationToken);
        await AddUntrackedAsync(categories, cancellationToken);
        await ChangedAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Read-then-write inside a transaction (SQLite serialises writers there); where two writers still race
    /// to insert the same line, the unique index refuses the second, which then updates the winner's line —
    /// unless it runs in the caller's transaction (a unit of work), which only the caller may undo: then the error goes up.
    /// </summary>
    public async Task SetSlaRuleAsync(SlaRule rule, CancellationToken cancellationToken)
    {
        Forget();
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
            var existing = await db.SlaRules.SingleOrDefaultAsync(
                r => r.BureauId == rule.BureauId && r.Type == rule.Type && r.Step == rule.Step, cancellationToken);
            if (existing is null)
            {
                db.SlaRules.Add(rule);
            }
            else
            {
                existing.Change(rule.WorkingDays, rule.CapBasis, rule.Ladder, rule.CutOff);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await ChangedAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return;
            }
            catch (DbUpdateException) when (transaction is not null && attempt == 1 && existing is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.Entry(rule).State = EntityState.Detached;
            }
        }
    }

    public async Task<bool> RemoveSlaRuleAsync(Guid bureauId, Domain.Requests.RequestType? type, SlaStep step, CancellationToken cancellationToken)
    {
        Forget();
        var removed = await db.SlaRules.Where(r => r.BureauId == bureauId && r.Type == type && r.Step == step).ExecuteDeleteAsync(cancellationToken) > 0;
        await ChangedAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// Inserts rows that replace ones deleted with ExecuteDelete, which the change tracker never sees: left
    /// tracked, the second SetCalendarDayAsync for the same date in one scope (a calendar import naming a
    /// date twice) failed with "another instance with the same key value is already being tracked".
    /// </summary>
    private async Task AddUntrackedAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        db.Set<T>().AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
