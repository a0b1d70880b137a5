namespace Bpm.Persistence.Migrations;

/// <summary>
/// The SQL of one SQLite FTS5 trigram index over a text column, e.g. <c>TaxpayerNameTrigrams</c> over
/// <c>TaxpayerRequests.TaxpayerName</c>: an external-content table (no copy of the text, only its three-character pieces by
/// the content row's rowid), filled from the rows already stored, and the three triggers that keep it in step on insert,
/// delete and a change of the column. FTS5's integrity check wants every content row indexed, a NULL one included, so the
/// triggers have no conditions.
/// </summary>
internal static class Fts5TrigramIndex
{
    /// <summary>Creates <paramref name="table"/> over <paramref name="content"/>.<paramref name="column"/>, fills it and adds its triggers.</summary>
    public static string Create(string table, string content, string column) => $"""
        CREATE VIRTUAL TABLE "{table}" USING fts5("{column}", content = '{content}', content_rowid = 'rowid', tokenize = 'trigram');
        {Rebuild(table)}
        CREATE TRIGGER "{table}_Insert" AFTER INSERT ON "{content}" BEGIN
            INSERT INTO "{table}" (rowid, "{column}") VALUES (new.rowid, new."{column}");
        END;
        CREATE TRIGGER "{table}_Delete" AFTER DELETE ON "{content}" BEGIN
            INSERT INTO "{table}" ("{table}", rowid, "{column}") VALUES ('delete', old.rowid, old."{column}");
        END;
        CREATE TRIGGER "{table}_Update" AFTER UPDATE OF "{column}" ON "{content}" BEGIN
            INSERT INTO "{table}" ("{table}", rowid, "{column}") VALUES ('delete', old.rowid, old."{column}");
            INSERT INTO "{table}" (rowid, "{column}") VALUES (new.rowid, new."{column}");
        END;
        """;

    /// <summary>Builds <paramref name="table"/> again from every stored row, e.g. after a bulk load without the triggers.</summary>
    public static string Rebuild(string table) => $"""INSERT INTO "{table}" ("{table}") VALUES ('rebuild');""";

    /// <summary>Drops the triggers of <paramref name="table"/>, then the table (each only if there).</summary>
    public static string Drop(string table) => $"""
        DROP TRIGGER IF EXISTS "{table}_Update";
        DROP TRIGGER IF EXISTS "{table}_Delete";
        DROP TRIGGER IF EXISTS "{table}_Insert";
        DROP TABLE IF EXISTS "{table}";
        """;
}
