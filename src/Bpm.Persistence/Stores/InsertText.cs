using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence.Stores;

/// <summary>
/// The text of an INSERT into one table's columns, built once per table and column list: a registration inserts into
/// ten tables, and naming their columns anew each time (EF works a column's name out of the model on every call) took
/// a third of the time its rows spent being written, all of it while SQLite's one writer waited (tools/Bpm.Bench
/// <c>http</c>, profiled). Example: DueTimers' 12 columns → <c>INSERT INTO "DueTimers" ("Id", …) VALUES </c> and, for
/// SQLite's row-by-row form, the same with <c>(@p0, …, @p11)</c>.
/// </summary>
internal sealed record InsertText(string Head, string OneRow)
{
    // Keyed by the columns themselves (a model's own objects), so two providers' models never share an entry.
    private static readonly ConcurrentDictionary<Key, InsertText> Texts = new();

    public static InsertText Of(ISqlGenerationHelper sql, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns) =>
        Texts.TryGetValue(new Key(table, columns), out var known) ? known : Texts.GetOrAdd(new Key(table, [.. columns]), Build(sql, table, columns));

    private static InsertText Build(ISqlGenerationHelper sql, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns)
    {
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var placeholders = string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder(BulkWrites.ParameterName(i))));
        return new InsertText(head, $"{head}({placeholders})");
    }

    private readonly struct Key(StoreObjectIdentifier table, IReadOnlyList<IProperty> columns) : IEquatable<Key>
    {
        private readonly StoreObjectIdentifier _table = table;
        private readonly IReadOnlyList<IProperty> _columns = columns;

        public bool Equals(Key other)
        {
            if (!_table.Equals(other._table) || _columns.Count != other._columns.Count)
            {
                return false;
            }

            for (var i = 0; i < _columns.Count; i++)
            {
                if (!ReferenceEquals(_columns[i], other._columns[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_table);
            foreach (var column in _columns)
            {
                hash.Add(RuntimeHelpers.GetHashCode(column));
            }

            return hash.ToHashCode();
        }
    }
}
