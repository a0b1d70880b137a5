using System.Buffers;
using System.Text;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Persistence.Migrations;
using Bpm.Persistence.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// The search box of the inbox and the request list: a request number, a credit code (whole, by its digest: it is stored
/// encrypted) or part of the taxpayer's name, e.g. "恒达纺织" finds 仙桃市恒达纺织有限公司. A name matches as it always did:
/// the text as typed, case and all, anywhere in the name (<c>string.Contains</c>: SQLite <c>instr</c>, PostgreSQL
/// <c>LIKE '%…%'</c> with <c>%</c>, <c>_</c> and <c>\</c> escaped), so "hengda" does not find "Hengda Textile".
/// </summary>
/// <remarks>
/// A text of three characters or more is looked up in the trigram index of names (SQLite: the FTS5 table
/// <see cref="TaxpayerNameTrigrams"/>; PostgreSQL: pg_trgm's GIN index) and only the names it points at are compared, so
/// finding 200 of 10⁶ requests costs ~20 ms instead of reading all 10⁶ names. Shorter texts make no trigram (and SQL Server
/// has no such index): they keep the plain comparison of every candidate's name.
/// </remarks>
internal static class RequestSearch
{
    /// <summary>How the text matches a request number: the list whole (XT-2026-000123), the inbox by prefix (XT-2026-0001).</summary>
    private enum NumberMatch
    {
        Whole,
        Prefix,
    }

    /// <summary>Whether <paramref name="text"/> (trimmed) is looked up through the trigram index on this database.</summary>
    public static bool UsesTrigramIndex(BpmDbContext db, string text) =>
        (db is SqliteBpmDbContext or PostgreSqlBpmDbContext) && MakesTrigrams(text);

    /// <summary>
    /// The ids of the requests the list's search <paramref name="text"/> (trimmed) finds, each part through its own index and
    /// joined as a UNION: the whole number (the unique index), the credit code's digest, the name's trigrams. Only when
    /// <see cref="UsesTrigramIndex"/>; one SQL statement should read it once (each use runs the trigram lookup again).
    /// </summary>
    public static IQueryable<Guid> FoundByIndexes(BpmDbContext db, string text) =>
        ByName(db, text).Select(r => r.Id).Union(ByNumberOrCode(db, text, NumberMatch.Whole));

    /// <summary>
    /// The ids of the open tasks whose request <paramref name="text"/> (trimmed) finds, for the inbox: by the open tasks' own
    /// copy of the name (<see cref="RequestTask.InboxSearchName"/>, through its trigram index) and, joined as a UNION ALL, the
    /// open tasks of the requests found by number prefix or credit code. "基准测试纳税人42" at 10⁶ requests: 2,000 open tasks
    /// from their own index instead of 22,200 requests matched against a unit's 40,000 tasks. Only when
    /// <see cref="UsesTrigramIndex"/>.
    /// </summary>
    public static IQueryable<Guid> OpenTasksFound(BpmDbContext db, string text)
    {
        var byNumberOrCode = ByNumberOrCode(db, text, NumberMatch.Prefix);
        return OpenTasksByName(db, text).Select(t => t.Id)
            .Concat(db.RequestTasks.AsNoTracking().Where(t => t.Status == RequestTaskStatus.Open && byNumberOrCode.Contains(t.RequestId)).Select(t => t.Id));
    }

    /// <summary>The ids of the requests found by their number (whole or by prefix) or by their credit code's digest.</summary>
    private static IQueryable<Guid> ByNumberOrCode(BpmDbContext db, string text, NumberMatch number)
    {
        if (!UsesTrigramIndex(db, text))
        {
            throw new InvalidOperationException($"\"{text}\" is not looked up through a trigram index here; check UsesTrigramIndex first.");
        }

        var code = text.ToUpperInvariant();
        var digest = db.PersonalData.Digest(code);
        var requests = db.TaxpayerRequests.AsNoTracking();
        var found = requests.Where(r => EF.Property<string?>(r, PersonalDataColumns.CreditCodeDigest) == digest).Select(r => r.Id);
        if (number == NumberMatch.Whole)
        {
            return found.Union(requests.Where(r => r.Number == code).Select(r => r.Id));
        }

        if (!CouldStartNumber(code))
        {
            return found;
        }

        // Prefix XT-2026-0001 → XT-2026-0001 ≤ number < XT-2026-0002: a range the number's index reads in code-point order
        // (SQLite's binary collation; the "C" collation on PostgreSQL). StartsWith states the rule; the range finds the rows.
        var after = code[..^1] + (char)(code[^1] + 1);
        return found.Union(requests
            .Where(r => string.Compare(r.Number, code) >= 0 && string.Compare(r.Number, after) < 0 && r.Number.StartsWith(code))
            .Select(r => r.Id));
    }

    /// <summary>
    /// Requests whose name contains <paramref name="text"/>. SQLite: the rowids the FTS5 table gives for the text as a phrase
    /// (<c>MATCH '"恒达纺织"'</c>; a <c>"</c> in the text doubled), then the names compared as before, since the index folds
    /// case and the comparison does not. PostgreSQL: the same <c>LIKE</c> as before, which the GIN index serves.
    /// </summary>
    private static IQueryable<TaxpayerRequest> ByName(BpmDbContext db, string text)
    {
        var requests = db.TaxpayerRequests.AsNoTracking();
        if (db is SqliteBpmDbContext)
        {
            requests = RowsMatching(db.TaxpayerRequests, "TaxpayerRequests", TaxpayerNameTrigrams.Table, text);
        }

        return requests.Where(r => r.TaxpayerName.Contains(text));
    }

    /// <summary>
    /// Open tasks whose copy of the name contains <paramref name="text"/>: SQLite through the FTS5 table
    /// <see cref="InboxSearchNameTrigrams.Table"/> as a phrase, then compared as typed; PostgreSQL by the <c>LIKE</c> its partial GIN
    /// index serves.
    /// </summary>
    private static IQueryable<RequestTask> OpenTasksByName(BpmDbContext db, string text)
    {
        var tasks = db.RequestTasks.AsNoTracking();
        if (db is SqliteBpmDbContext)
        {
            tasks = RowsMatching(db.RequestTasks, "RequestTasks", InboxSearchNameTrigrams.Table, text);
        }

        return tasks.Where(t => t.Status == RequestTaskStatus.Open && t.InboxSearchName!.Contains(text));
    }

    /// <summary>
    /// SQLite: the rows of <paramref name="table"/> whose rowids the FTS5 table <paramref name="trigrams"/> gives for the text as
    /// a phrase (<c>MATCH '"恒达纺织"'</c>; a <c>"</c> in the text doubled). The index folds case; the caller compares as typed.
    /// </summary>
    private static IQueryable<T> RowsMatching<T>(DbSet<T> rows, string table, string trigrams, string text)
        where T : class
    {
        // The names are the callers' constants; the text goes in as a parameter.
        var sql = $$"""SELECT * FROM "{{table}}" WHERE rowid IN (SELECT rowid FROM "{{trigrams}}" WHERE "{{trigrams}}" MATCH {0})""";
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return rows.FromSqlRaw(sql, phrase).AsNoTracking();
    }

    /// <summary>
    /// Three characters (code points, not UTF-16 units: 𠀀 is one) make one trigram: "恒达纺" yes, "恒达" and "𠀀a" no.
    /// A text that is not well-formed UTF-16 (a lone surrogate) keeps the plain comparison too.
    /// </summary>
    private static bool MakesTrigrams(string text)
    {
        var characters = 0;
        for (var rest = text.AsSpan(); !rest.IsEmpty; characters++)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[used..];
        }

        return characters >= 3;
    }

    /// <summary>Request numbers are capitals, digits and hyphens (XT-2026-000123): "XT-2026" could start one, "恒达" cannot.</summary>
    private static bool CouldStartNumber(string code) =>
        code.Length > 0 && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-');
}
