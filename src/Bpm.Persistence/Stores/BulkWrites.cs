using System.Data.Common;
using System.Globalization;
using System.Text;
using Bpm.Application.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Set-based writes for the hot paths (an escalation burst, a re-plan of 100,000 deadlines): many rows in one SQL statement
/// instead of one statement per row. EF Core sends a batch of 500 row updates as 500 statements, and SQLite parses every one
/// of them; re-planning 10,000 deadlines spent 3.8 s of 8 s moving timers that way (tools/Bpm.Bench <c>timers</c>).
/// <list type="bullet">
/// <item><see cref="InsertAsync{T}"/>: <c>INSERT INTO … VALUES (…), (…), …</c> for append-only rows (notices, journal, audit).</item>
/// <item><see cref="UpdateTrackedAsync{T}"/>: the changed columns of tracked, versioned entities as
/// <c>WITH v(…) AS (VALUES …) UPDATE t SET … FROM v WHERE t.Id = v.id AND t.Version = v.version</c>: one statement per set
/// of changed columns, refused as a whole (ConcurrencyConflictException) if any row's version moved meanwhile.</item>
/// </list>
/// That is the PostgreSQL form, where each statement is a round trip. On SQLite, in-process, the same writes are one
/// single-row statement prepared once and run per row (<see cref="ExecutePerRowAsync{TRow}"/>), which SQLite parses once.
/// Values go through each column's own EF type mapping (converters, enum names, JSON text), so rows read back exactly as if
/// EF had written them. Only on SQLite and PostgreSQL, which the tests run against; on SQL Server (no server to prove the SQL
/// against here) both fall back to EF's own SaveChanges, with the same outcome.
/// </summary>
internal static class BulkWrites
{
    // Parameters per multi-row statement (PostgreSQL; SQLite writes row by row).
    private const int MaxParameters = 2_000;

    public static bool IsSupported(this BpmDbContext db) => db is SqliteBpmDbContext or PostgreSqlBpmDbContext;

    /// <summary>
    /// Inserts the rows as given, without tracking them; a key the database generates (an identity column left at 0) is
    /// left out, a row version starts at 1. Example: 1,000 督办 notices of a burst → a handful of statements.
    /// </summary>
    public static Task InsertAsync<T>(this BpmDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class => db.InsertAsync(rows, [], cancellationToken);

    /// <summary>
    /// <see cref="InsertAsync{T}(BpmDbContext, IReadOnlyList{T}, CancellationToken)"/>, then <paramref name="then"/> (statements
    /// that need no answer but the rows they changed, e.g. moving the audit chain's head past the rows): on PostgreSQL all in one
    /// round trip.
    /// </summary>
    public static async Task InsertAsync<T>(this BpmDbContext db, IReadOnlyList<T> rows, IReadOnlyList<FormattableString> then, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(then);
        if (rows.Count == 0 && then.Count == 0)
        {
            return;
        }

        if (!db.IsSupported())
        {
            await InsertThroughEfAsync(db, rows, cancellationToken);
            foreach (var statement in then)
            {
                await db.Database.ExecuteSqlAsync(statement, cancellationToken);
            }

            return;
        }

        var shaped = Shape(db, rows);
        await db.SaveAddedEntitiesAsync(cancellationToken);
        var audit = db.Audit.DescribeInserted(rows);
        await db.RunAsync(async (connection, transaction) =>
        {
            db.OweAudit(audit);
            await db.InsertRowsAsync(connection, transaction, [shaped], Value, [], then, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Append-only rows that nothing refers to and that no later step of the unit of work reads or changes (the workflow
    /// journal): while a unit of work collects its writes (<see cref="BpmDbContext.DefersSaves"/>) they wait for its one save
    /// and go in the same round trip as its other new rows, after them — a task completion on PostgreSQL waits once for its
    /// new task, bookmark and journal entries instead of twice. Otherwise, or on a provider without set-based writes, they are
    /// inserted now (<see cref="InsertAsync{T}(BpmDbContext, IReadOnlyList{T}, CancellationToken)"/>).
    /// </summary>
    public static Task AppendWithTheSaveAsync<T>(this BpmDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!db.DefersSaves || !db.IsSupported() || db.Database.CurrentTransaction is null)
        {
            return db.InsertAsync(rows, cancellationToken);
        }

        var shaped = Shape(db, rows);
        db.OweAudit(db.Audit.DescribeInserted(rows));
        db.WaitingRows.Add(new RowsOfTable<object>(shaped.Table, shaped.Columns, [.. rows]));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The table and the columns to write for these rows: a key the database generates (an identity column left at 0) is left
    /// out; a row version left at 0 is set to 1, as SaveChanges would set it (<see cref="BpmDbContext"/>'s BumpVersions).
    /// </summary>
    private static RowsOfTable<T> Shape<T>(BpmDbContext db, IReadOnlyList<T> rows)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        if (VersionOf(entityType)?.PropertyInfo is { } version)
        {
            foreach (var row in rows.Where(r => (long)version.GetValue(r)! == 0))
            {
                version.SetValue(row, 1L);
            }
        }

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !(p.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && rows.All(r => IsClrDefault(p, Value(p, r)))))
            .ToList();
        return new RowsOfTable<T>(table, columns, rows);
    }

    /// <summary>Rows waiting for the save (<see cref="AppendWithTheSaveAsync{T}"/>), written in the save's transaction after its other rows.</summary>
    internal static Task<int> WriteWaitingRowsAsync(this BpmDbContext db, IReadOnlyList<RowsOfTable<object>> waiting, CancellationToken cancellationToken) =>
        waiting.Count == 0 ? Task.FromResult(0) : db.InsertRowsAsync(
            db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), waiting, Value, [], [], cancellationToken);

    /// <summary>
    /// <c>INSERT INTO table (columns) VALUES …</c> for the rows of each table in turn, each column's value read by
    /// <paramref name="value"/> and bound through its type mapping, then an <c>UPDATE</c> of each <paramref name="changed"/>
    /// entity's changed columns under its row version, then the statements <paramref name="then"/>. On SQLite one prepared
    /// single-row statement run per row; on PostgreSQL as few multi-row statements as the parameter limit allows, all of them
    /// sent in one round trip. Returns the rows inserted and updated; a changed row that was not found under its version (someone
    /// else changed it) fails with <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    internal static async Task<int> InsertRowsAsync<TRow>(
        this BpmDbContext db, DbConnection connection, DbTransaction? transaction, IReadOnlyList<RowsOfTable<TRow>> tables,
        Func<IProperty, TRow, object?> value, IReadOnlyList<EntityEntry> changed, IReadOnlyList<FormattableString> then,
        CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var written = 0;
        if (db is SqliteBpmDbContext)
        {
            foreach (var rows in tables.Where(t => t.Rows.Count > 0))
            {
                written += await ExecutePerRowAsync(connection, transaction, InsertText.Of(sql, rows.Table, rows.Columns).OneRow, rows.Rows, (command, row) =>
                {
                    foreach (var column in rows.Columns)
                    {
                        AddParameter(command, sql, column, value(column, row));
                    }
                }, cancellationToken);
            }

            foreach (var entry in changed)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = UpdateOfChanged(sql, entry, (property, v) => AddParameter(command, sql, property, v));
                written += Updated(await command.ExecuteNonQueryAsync(cancellationToken));
            }

            foreach (var statement in then)
            {
                await db.Database.ExecuteSqlAsync(statement, cancellationToken);
            }

            return written;
        }

        await using var batch = new StatementBatch(connection);
        var inserts = 0;
        foreach (var rows in tables.Where(t => t.Rows.Count > 0))
        {
            var head = InsertText.Of(sql, rows.Table, rows.Columns).Head;
            foreach (var chunk in rows.Rows.Chunk(Math.Max(1, MaxParameters / rows.Columns.Count)))
            {
                var parameters = new List<DbParameter>(chunk.Length * rows.Columns.Count);
                var text = new StringBuilder(head);
                for (var row = 0; row < chunk.Length; row++)
                {
                    text.Append(row == 0 ? "(" : ", (");
                    for (var c = 0; c < rows.Columns.Count; c++)
                    {
                        var column = rows.Columns[c];
                        var parameter = CreateParameter(batch.ParameterFactory, sql, column, value(column, chunk[row]), parameters.Count);
                        parameters.Add(parameter);
                        text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(ParameterName(parameters.Count - 1)));
                    }

                    text.Append(')');
                }

                batch.Add(text.ToString(), parameters);
                inserts++;
            }
        }

        foreach (var entry in changed)
        {
            var parameters = new List<DbParameter>();
            var text = UpdateOfChanged(sql, entry, (property, v) =>
            {
                parameters.Add(CreateParameter(batch.ParameterFactory, sql, property, v, parameters.Count));
                return sql.GenerateParameterNamePlaceholder(ParameterName(parameters.Count - 1));
            });
            batch.Add(text, parameters);
        }

        foreach (var statement in then)
        {
            batch.Add(statement);
        }

        var counts = await batch.RunAsync(transaction, cancellationToken);
        return counts.Take(inserts).Sum() + counts.Skip(inserts).Take(changed.Count).Sum(Updated);
    }

    /// <summary>
    /// <c>UPDATE t SET c1 = @p0, …, Version = @p2 WHERE Id = @p3 AND Version = @p4</c> for a changed entity: the columns it
    /// changed, its new row version (already one up, see <see cref="BpmDbContext"/>), found by its key and its version as read.
    /// </summary>
    private static string UpdateOfChanged(ISqlGenerationHelper sql, EntityEntry entry, Func<IProperty, object?, string> parameter)
    {
        var type = entry.Metadata;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var key = type.FindPrimaryKey()!.Properties[0];
        var version = VersionOf(type);
        var text = new StringBuilder("UPDATE ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" SET ");
        var first = true;
        foreach (var property in entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()))
        {
            text.Append(first ? "" : ", ").Append(Column(property.Metadata)).Append(" = ").Append(parameter(property.Metadata, property.CurrentValue));
            first = false;
        }

        text.Append(" WHERE ").Append(Column(key)).Append(" = ").Append(parameter(key, entry.Property(key.Name).CurrentValue));
        if (version is not null)
        {
            text.Append(" AND ").Append(Column(version)).Append(" = ").Append(parameter(version, entry.Property(version.Name).OriginalValue));
        }

        return text.ToString();
    }

    /// <summary>A changed row's UPDATE wrote 1 row, or someone else changed (or removed) that row since it was read.</summary>
    private static int Updated(int rows) => rows == 1 ? 1 : throw new DbUpdateConcurrencyException(
        "数据已被他人修改 (a changed row was not found under the version it was read with; someone else saved it meanwhile)");

    /// <summary>
    /// Writes what changed on these tracked entities, set-based; afterwards each carries its version one up, as after
    /// SaveChanges, and is detached. All or nothing: if another transaction changed one of them since it was read, none is written
    /// and <see cref="ConcurrencyConflictException"/> carries <paramref name="conflictMessage"/>. Entities the context does
    /// not track go through EF (<see cref="VersionedUpdates"/>).
    /// </summary>
    public static async Task UpdateTrackedAsync<T>(
        this BpmDbContext db, IReadOnlyCollection<T> entities, string conflictMessage, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entities);
        var entries = entities.Select(e => db.Entry(e)).ToList();
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var version = VersionOf(entityType);
        if (!db.IsSupported() || version is null || entries.Any(e => e.State is EntityState.Detached or EntityState.Added or EntityState.Deleted))
        {
            await db.SaveVersionedAsync(entities, conflictMessage, cancellationToken);
            return;
        }

        // DbContext.Entry has already compared each entity with its snapshot (local DetectChanges).
        var modified = entries.Where(e => e.State == EntityState.Modified).ToList();
        if (modified.Count == 0)
        {
            return;
        }

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var audit = db.Audit.Describe(modified);
        var groups = modified.GroupBy(e => string.Join(",", e.Properties.Where(p => p.IsModified && p.Metadata != version).Select(p => p.Metadata.Name)));
        await db.RunAsync(async (connection, transaction) =>
        {
            db.OweAudit(audit);
            var written = 0;
            foreach (var group in groups)
            {
                var changed = group.First().Properties.Where(p => p.IsModified && p.Metadata != version).Select(p => p.Metadata).ToList();
                if (db is SqliteBpmDbContext)
                {
                    written += await UpdateRowByRowAsync(db, connection, transaction, table, key, version, changed, [.. group], cancellationToken);
                    continue;
                }

                foreach (var chunk in group.Chunk(Math.Max(1, MaxParameters / (changed.Count + 2))))
                {
                    written += await UpdateChunkAsync(db, connection, transaction, table, key, version, changed, chunk, cancellationToken);
                }
            }

            // Fewer rows than entities: someone else's save moved a version; nothing of this call may stand.
            if (written != modified.Count)
            {
                throw new ConcurrencyConflictException(conflictMessage);
            }
        }, cancellationToken);

        // Written: the objects carry their new version and are no longer tracked (cheaper than making EF take new snapshots),
        // so a later save of the same object goes through EF with that version as its token.
        foreach (var entry in modified)
        {
            var row = entry.Property(version.Name);
            row.CurrentValue = (long)row.OriginalValue! + 1;
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// SQLite's form of <see cref="UpdateChunkAsync"/>: <c>UPDATE t SET … , Version = @p1 + 1 WHERE Id = @p0 AND Version = @p1</c>,
    /// prepared once and run for each row; returns the rows written.
    /// </summary>
    private static Task<int> UpdateRowByRowAsync(
        BpmDbContext db, DbConnection connection, DbTransaction? transaction, StoreObjectIdentifier table, IProperty key, IProperty version,
        IReadOnlyList<IProperty> changed, IReadOnlyList<EntityEntry> rows, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var target = sql.DelimitIdentifier(table.Name, table.Schema);
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        string Placeholder(int i) => sql.GenerateParameterNamePlaceholder(ParameterName(i));
        var text = $"UPDATE {target} SET "
            + string.Concat(changed.Select((p, i) => $"{Column(p)} = {Placeholder(i + 2)}, "))
            + $"{Column(version)} = {Placeholder(1)} + 1 WHERE {Column(key)} = {Placeholder(0)} AND {Column(version)} = {Placeholder(1)}";
        return ExecutePerRowAsync(connection, transaction, text, rows, (command, entry) =>
        {
            AddParameter(command, sql, key, entry.Property(key.Name).CurrentValue);
            AddParameter(command, sql, version, entry.Property(version.Name).OriginalValue);
            foreach (var property in changed)
            {
                AddParameter(command, sql, property, entry.Property(property.Name).CurrentValue);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// SQLite runs in-process, so a statement prepared once and run per row costs no round trip, while a long multi-row
    /// statement is parsed anew on every call and binds its parameters by name in a list: in a re-plan of 100,000 tasks,
    /// parsing and binding took 28 s of 93. Returns the rows the statement changed, summed.
    /// </summary>
    private static async Task<int> ExecutePerRowAsync<TRow>(
        DbConnection connection, DbTransaction? transaction, string commandText, IEnumerable<TRow> rows, Action<DbCommand, TRow> bind,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = commandText;
        var written = 0;
        var prepared = false;
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            bind(command, row);
            if (!prepared)
            {
                await command.PrepareAsync(cancellationToken);
                prepared = true;
            }

            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    private static async Task<int> UpdateChunkAsync(
        BpmDbContext db, DbConnection connection, DbTransaction? transaction, StoreObjectIdentifier table, IProperty key, IProperty version,
        IReadOnlyList<IProperty> changed, IReadOnlyList<EntityEntry> rows, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var target = sql.DelimitIdentifier(table.Name, table.Schema);
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        string Field(int i) => "c" + i.ToString(CultureInfo.InvariantCulture);

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder("WITH v (");
        text.AppendJoin(", ", Enumerable.Range(0, changed.Count + 2).Select(Field)).Append(") AS (VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            var entry = rows[r];
            text.Append(r == 0 ? "(" : ", (")
                .Append(AddParameter(command, sql, key, entry.Property(key.Name).CurrentValue)).Append(", ")
                .Append(AddParameter(command, sql, version, entry.Property(version.Name).OriginalValue));
            foreach (var property in changed)
            {
                text.Append(", ").Append(AddParameter(command, sql, property, entry.Property(property.Name).CurrentValue));
            }

            text.Append(')');
        }

        text.Append(") UPDATE ").Append(target).Append(" SET ")
            .AppendJoin(", ", changed.Select((p, i) => $"{Column(p)} = v.{Field(i + 2)}"))
            .Append(changed.Count > 0 ? ", " : "").Append($"{Column(version)} = v.{Field(1)} + 1")
            .Append($" FROM v WHERE {target}.{Column(key)} = v.{Field(0)} AND {target}.{Column(version)} = v.{Field(1)}");
        command.CommandText = text.ToString();
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Rows added through EF but not saved yet go first, so that a row inserted here may refer to them (a notice to a request
    /// registered in the same transaction). Stores save as they go, so this is normally a no-op that costs one pass over the
    /// tracker, without comparing any values.
    /// </summary>
    private static async Task SaveAddedEntitiesAsync(this BpmDbContext db, CancellationToken cancellationToken)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>The rows these set-based writes owe the audit log, chained when the transaction they run in commits.</summary>
    private static void OweAudit(this BpmDbContext db, IReadOnlyList<Bpm.Application.Audit.AuditEvent> events)
    {
        if (events.Count > 0)
        {
            db.Audit.Add(db.Database.CurrentTransaction!, events);
        }
    }

    /// <summary>Runs on the context's connection, inside its transaction, or in one of its own (committed at the end) if none is open.</summary>
    private static async Task RunAsync(this BpmDbContext db, Func<DbConnection, DbTransaction?, Task> work, CancellationToken cancellationToken)
    {
        await using var own = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await work(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    // "p0" … "p1999", the names every statement here gives its parameters, made once instead of per value.
    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, MaxParameters).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture))];

    internal static string ParameterName(int index) =>
        index < ParameterNames.Length ? ParameterNames[index] : "p" + index.ToString(CultureInfo.InvariantCulture);

    private static string AddParameter(DbCommand command, ISqlGenerationHelper sql, IProperty property, object? value)
    {
        command.Parameters.Add(CreateParameter(command, sql, property, value, command.Parameters.Count));
        return sql.GenerateParameterNamePlaceholder(ParameterName(command.Parameters.Count - 1));
    }

    /// <summary>The <paramref name="index"/>-th parameter of a statement (<c>p3</c>), its value bound through the column's type mapping.</summary>
    private static DbParameter CreateParameter(DbCommand factory, ISqlGenerationHelper sql, IProperty property, object? value, int index) =>
        property.GetRelationalTypeMapping().CreateParameter(factory, sql.GenerateParameterName(ParameterName(index)), value, property.IsNullable);

    private static IProperty? VersionOf(IEntityType entityType) =>
        entityType.FindProperty(BpmDbContext.Version) is { IsConcurrencyToken: true } p && p.ClrType == typeof(long) ? p : null;

    internal static object? Value(IProperty property, object entity) => property.GetGetter().GetClrValueUsingContainingEntity(entity);

    private static bool IsClrDefault(IProperty property, object? value) =>
        value is null || (property.ClrType.IsValueType && value.Equals(Activator.CreateInstance(property.ClrType)));

    private static async Task InsertThroughEfAsync<T>(BpmDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        db.AddRange(rows);
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

/// <summary>Rows to insert into one table, with the columns to write (<see cref="BulkWrites.InsertRowsAsync{TRow}"/>).</summary>
internal sealed record RowsOfTable<TRow>(StoreObjectIdentifier Table, IReadOnlyList<IProperty> Columns, IReadOnlyList<TRow> Rows);
