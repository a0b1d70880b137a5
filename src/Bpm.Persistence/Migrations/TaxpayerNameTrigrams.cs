namespace Bpm.Persistence.Migrations;

/// <summary>
/// SQLite's trigram index of taxpayer names: an FTS5 table with the <c>trigram</c> tokenizer (in the bundled SQLite 3.35.5)
/// over <c>TaxpayerRequests.TaxpayerName</c>, by the requests' rowid. It holds no copy of the names (external content), only
/// every three-character piece of each name and where it occurs, so "恒达纺织" is looked up by 恒达纺 and 达纺织 instead of
/// by reading every name. Kept in step by triggers on insert, delete and a change of the name (an erasure that rewrites it
/// included). PostgreSQL has pg_trgm's GIN index instead (PostgreSqlBpmDbContext); SQL Server none.
/// Installed by the migration NameSearchIndexes (raw SQL).
/// </summary>
/// <remarks>
/// A migration that makes EF rebuild TaxpayerRequests on SQLite (create a copy, move the rows, drop the old table) drops
/// these triggers with the old table and gives the rows new rowids: such a migration must end with <see cref="CreateSqlite"/>
/// again (after <see cref="DropSqlite"/>). The test TaxpayerNameTrigramsOnSqlite checks that the triggers exist after every
/// migration. VACUUM keeps the rowids (SQLite 3.35.5 copies them for a table without INTEGER PRIMARY KEY too; tested).
/// </remarks>
public static class TaxpayerNameTrigrams
{
    /// <summary>The FTS5 table; <c>"TaxpayerNameTrigrams" MATCH '"恒达纺织"'</c> finds the rowids of names containing 恒达纺织.</summary>
    public const string Table = "TaxpayerNameTrigrams";

    /// <summary>
    /// Creates the table and its triggers and fills it from the names already stored (<c>'rebuild'</c> reads the whole
    /// content table: about 2 s for 10⁶ names here). Bulk loads that drop the triggers must end with <see cref="RebuildSqlite"/>.
    /// </summary>
    public static readonly string CreateSqlite = Fts5TrigramIndex.Create(Table, "TaxpayerRequests", "TaxpayerName");

    /// <summary>Builds the index again from every stored name, e.g. after a bulk load without the triggers.</summary>
    public static readonly string RebuildSqlite = Fts5TrigramIndex.Rebuild(Table);

    public static readonly string DropSqlite = Fts5TrigramIndex.Drop(Table);
}
