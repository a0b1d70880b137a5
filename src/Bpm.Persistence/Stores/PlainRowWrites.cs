using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence.Stores;

/// <summary>
/// The rows a save adds and changes, written by plain prepared statements instead of EF's update pipeline, which spent 1.45 ms
/// of the 4.3 ms a registration holds SQLite's one-writer gate building commands for its five new rows (request, workflow
/// instance, bookmark, task and its SLA timers' owner rows; tools/Bpm.Bench <c>http</c>), and cost a task completion on
/// PostgreSQL a round trip of its own for its three changed rows (task, request, workflow instance) after the one for its
/// new rows. Values go through each column's own type mapping (converters, enum names, encrypted personal data), so the
/// rows read back exactly as if EF had written them; afterwards the entities are tracked as unchanged, as after SaveChanges.
/// <para>Only where nothing is left for EF to work out: on SQLite and PostgreSQL (<see cref="BulkWrites.IsSupported"/>),
/// nothing tracked is being deleted (a delete and an insert of the same unique key must go in EF's order), and every added
/// entity is a plain row of its own table — no inheritance, no owned or shared rows, no foreign key to its own table, no
/// value the database would generate (a key left at 0, a column with a default left at its CLR default). Otherwise the
/// whole save goes through EF. Tables are written principals first (a task after its request); a refused row (a unique
/// key taken) fails the save with <see cref="DbUpdateException"/>, as EF's would, and leaves every entity added.</para>
/// <para>Changed rows likewise, each by <c>UPDATE t SET (its changed columns), Version = @new WHERE Id = @id AND Version =
/// @old</c> after the new rows, when every changed entity is a plain row with a one-column key and no concurrency token but
/// its row version (else EF writes them all). A row someone else changed meanwhile (0 rows updated) fails the save with
/// <see cref="DbUpdateConcurrencyException"/>, as EF's would, and leaves every entity as it was.</para>
/// </summary>
internal sealed class PlainRowWrites
{
    private readonly BpmDbContext _db;
    private readonly IReadOnlyList<(IEntityType Type, List<EntityEntry> Entries)> _tables;
    private readonly IReadOnlyList<EntityEntry> _changed;

    private PlainRowWrites(BpmDbContext db, IReadOnlyList<(IEntityType, List<EntityEntry>)> tables, IReadOnlyList<EntityEntry> changed)
    {
        _db = db;
        _tables = tables;
        _changed = changed;
    }

    /// <summary>The writes for this context's added and changed entities, or null when the save must go through EF (see the class).</summary>
    public static PlainRowWrites? Plan(BpmDbContext db, bool acceptAllChangesOnSuccess)
    {
        if (!acceptAllChangesOnSuccess || !db.IsSupported())
        {
            return null;
        }

        var byType = new Dictionary<IEntityType, List<EntityEntry>>();
        var changed = new List<EntityEntry>();
        var changesByEf = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted)
            {
                return null;
            }

            if (entry.State == EntityState.Modified)
            {
                // One marked changed with no column to write (all set back) is left to EF, which writes nothing for it.
                if (entry.Properties.Any(p => p.IsModified && !p.Metadata.IsPrimaryKey()))
                {
                    changesByEf |= !IsPlainUpdate(entry.Metadata);
                    changed.Add(entry);
                }

                continue;
            }

            if (entry.State != EntityState.Added)
            {
                continue;
            }

            if (!byType.TryGetValue(entry.Metadata, out var entries))
            {
                if (!IsPlainTable(entry.Metadata))
                {
                    return null;
                }

                byType[entry.Metadata] = entries = [];
            }

            if (!HasEveryValue(entry))
            {
                return null;
            }

            entries.Add(entry);
        }

        if (changesByEf)
        {
            changed.Clear();
        }

        var order = PrincipalsFirst(byType.Keys);
        return (byType.Count == 0 && changed.Count == 0) || order is null
            ? null
            : new PlainRowWrites(db, [.. order.Select(t => (t, byType[t]))], changed);
    }

    /// <summary>
    /// Writes the new rows in the context's current transaction (the caller has one), then <paramref name="waiting"/> (rows
    /// that waited for this save, see <see cref="BulkWrites.AppendWithTheSaveAsync{T}"/>), then the changed rows, then the
    /// statements <paramref name="then"/> — on PostgreSQL all in one round trip — and returns how many rows it inserted and
    /// updated; the entities are then tracked as stored, so that the rest of the save (EF's) leaves them alone.
    /// </summary>
    public async Task<int> WriteAsync(IReadOnlyList<RowsOfTable<object>> waiting, IReadOnlyList<FormattableString> then, CancellationToken cancellationToken)
    {
        var connection = _db.Database.GetDbConnection();
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Added rows are written inside the save's transaction.");
        int written;
        try
        {
            written = await _db.InsertRowsAsync(
                connection, transaction,
                [.. _tables.Select(t => new RowsOfTable<object>(StoreObjectIdentifier.Table(t.Type.GetTableName()!, t.Type.GetSchema()), [.. t.Type.GetProperties()], t.Entries)), .. waiting],
                (column, row) => row is EntityEntry entry ? entry.CurrentValues[column] : BulkWrites.Value(column, row), _changed, then, cancellationToken);
        }
        catch (DbException refused)
        {
            throw new DbUpdateException("新增的数据未能写入 (an added row was refused; see the inner exception)", refused);
        }

        SetAll(EntityState.Unchanged);
        foreach (var entry in _changed)
        {
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }

        return written;
    }

    /// <summary>The rest of the save failed, so its transaction will not commit: the entities are to be added again, as EF leaves them.</summary>
    public void TakeBack() => SetAll(EntityState.Added);

    private void SetAll(EntityState state)
    {
        foreach (var (_, entries) in _tables)
        {
            foreach (var entry in entries)
            {
                entry.State = state;
            }
        }
    }

    /// <summary>Per entity type of each provider's model, worked out once: every save asks for every type it adds.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, bool> PlainTables = new();

    /// <summary>A table of its own, one row per entity, every column an ordinary property (see the class).</summary>
    private static bool IsPlainTable(IEntityType type) => PlainTables.GetOrAdd(type, IsPlainTableOfModel);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, bool> PlainUpdates = new();

    /// <summary>A plain table whose rows are found by a one-column key and guarded by nothing but their row version, if any.</summary>
    private static bool IsPlainUpdate(IEntityType type) => PlainUpdates.GetOrAdd(type, t =>
        IsPlainTable(t)
        && t.FindPrimaryKey() is { Properties.Count: 1 }
        && t.GetProperties().Where(p => p.IsConcurrencyToken).All(p => p.Name == BpmDbContext.Version && p.ClrType == typeof(long)));

    private static bool IsPlainTableOfModel(IEntityType type) =>
        type.GetTableName() is not null
        && type.BaseType is null && !type.GetDirectlyDerivedTypes().Any()
        && !type.IsOwned() && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && !type.GetComplexProperties().Any()
        && type.GetTableMappings().All(m => m.Table.EntityTypeMappings.Count() == 1)
        && type.GetForeignKeys().All(fk => fk.PrincipalEntityType != type)
        && type.GetProperties().All(p => (p.ValueGenerated & ValueGenerated.OnUpdate) == 0);

    /// <summary>No value left for the database to generate: every key and defaulted column is set, none is temporary.</summary>
    private static bool HasEveryValue(EntityEntry entry)
    {
        foreach (var property in entry.Metadata.GetProperties())
        {
            if ((property.ValueGenerated & ValueGenerated.OnAdd) == 0)
            {
                continue;
            }

            var value = entry.Property(property.Name);
            if (value.IsTemporary || value.CurrentValue is null || value.CurrentValue.Equals(property.Sentinel))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The types in an order where each comes after the types it refers to; null if they refer to each other in a circle.</summary>
    private static List<IEntityType>? PrincipalsFirst(IReadOnlyCollection<IEntityType> types)
    {
        var ordered = new List<IEntityType>();
        var left = new List<IEntityType>(types);
        while (left.Count > 0)
        {
            var ready = left.Where(t => t.GetForeignKeys().All(fk => !left.Contains(fk.PrincipalEntityType) || fk.PrincipalEntityType == t)).ToList();
            if (ready.Count == 0)
            {
                return null;
            }

            ordered.AddRange(ready);
            left.RemoveAll(ready.Contains);
        }

        return ordered;
    }
}
