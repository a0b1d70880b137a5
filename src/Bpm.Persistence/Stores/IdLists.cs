using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// <c>WHERE Id IN (…)</c> for the id lists of a batch (500–2,000 ids), sent as ONE parameter whatever their number:
/// SQLite <c>IN (SELECT value FROM json_each(@ids))</c>, PostgreSQL <c>= ANY(@ids)</c>, SQL Server <c>OPENJSON(@ids)</c>.
/// EF's default is one named parameter per id; on SQLite such a statement is parsed and its 500 names bound again on
/// every batch — 9 s of a 55 s re-plan of 100,000 deadlines (tools/Bpm.Bench <c>timers</c>). EF translates
/// <c>EF.Parameter(ids).Contains(…)</c> to <c>json_each</c> only from SQLite 3.38 on, and the bundled SQLite is 3.35.5
/// (toolchain.md), so on SQLite the row source is written here in SQL. No parameter limit applies (SQL Server's 2,100).
/// </summary>
internal static class IdLists
{
    /// <summary>The distinct ids, as the array a query is given; [a, b, a] → [a, b].</summary>
    public static Guid[] Of(IReadOnlyCollection<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return [.. ids.Distinct()];
    }

    /// <summary>
    /// The rows of <typeparamref name="T"/> whose Guid <paramref name="property"/> is one of <paramref name="ids"/>;
    /// further LINQ composes on it. <paramref name="elsewhere"/> is the same filter for the other providers, written with
    /// <c>EF.Parameter(ids).Contains(…)</c>. Example: <c>Rows(db, nameof(RequestTask.Id), ids, t => EF.Parameter(ids).Contains(t.Id))</c>.
    /// </summary>
    public static IQueryable<T> Rows<T>(BpmDbContext db, string property, Guid[] ids, Expression<Func<T, bool>> elsewhere)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not SqliteBpmDbContext)
        {
            return db.Set<T>().Where(elsewhere);
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entity.GetTableName();
        var column = entity.FindProperty(property)?.GetColumnName()
            ?? throw new ArgumentException($"{typeof(T).Name} has no property {property}.", nameof(property));

        // EF stores a Guid on SQLite as upper-case text: 0196F3A2-…; json_each yields the same text to compare.
        var json = JsonSerializer.Serialize(ids.Select(id => id.ToString("D").ToUpperInvariant()));
#pragma warning disable EF1002 // table and column names come from the model, never from input; the ids are a parameter.
        return db.Set<T>().FromSqlRaw(
            $"SELECT * FROM \"{table}\" WHERE \"{column}\" IN (SELECT value FROM json_each(@ids))", new SqliteParameter("@ids", json));
#pragma warning restore EF1002
    }
}
