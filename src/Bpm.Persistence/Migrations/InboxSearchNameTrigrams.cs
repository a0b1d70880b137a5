namespace Bpm.Persistence.Migrations;

/// <summary>
/// The open tasks' copy of their taxpayer's name (<c>RequestTasks.InboxSearchName</c>, null on closed tasks), which the inbox
/// searches by part instead of all requests' names: "基准测试纳税人42" is in 2,000 of 10⁵ open tasks but in 22,200 of 10⁶
/// requests. PostgreSQL indexes it with pg_trgm's GIN index (partial: open tasks; in the model), SQLite with the FTS5 table
/// <see cref="Table"/> (trigram tokenizer, external content: every task has its entry, a closed one with no text, as FTS5's
/// integrity check demands). A name rewritten in SQL after
/// registration (a correction, an erasure) reaches the copies through a trigger on <c>TaxpayerRequests</c>, as it reaches
/// <see cref="TaxpayerNameTrigrams"/>. SQL Server has no trigram index: its inbox compares the requests' names, never the copy.
/// Installed by the migration InboxSearchNames (raw SQL).
/// </summary>
/// <remarks>
/// As with <see cref="TaxpayerNameTrigrams"/>, a migration that makes EF rebuild <c>RequestTasks</c> or <c>TaxpayerRequests</c>
/// on SQLite drops these triggers and must end with <see cref="DropSqlite"/> and <see cref="CreateSqlite"/> again; the test
/// TaxpayerNameTrigramsOnSqlite checks they exist after every migration.
/// </remarks>
public static class InboxSearchNameTrigrams
{
    /// <summary>The FTS5 table; <c>"InboxSearchNameTrigrams" MATCH '"恒达纺织"'</c> finds the rowids of open tasks of such names.</summary>
    public const string Table = "InboxSearchNameTrigrams";

    /// <summary>Open tasks opened before the copy existed take their request's name (the copy is set when a task opens).</summary>
    public const string FillSqlite = """
        UPDATE "RequestTasks" SET "InboxSearchName" = (SELECT r."TaxpayerName" FROM "TaxpayerRequests" AS r WHERE r."Id" = "RequestTasks"."RequestId")
        WHERE "Status" = 'Open';
        """;

    /// <inheritdoc cref="FillSqlite"/>
    public const string FillPostgreSql = """
        UPDATE "RequestTasks" AS t SET "InboxSearchName" = r."TaxpayerName" FROM "TaxpayerRequests" AS r
        WHERE r."Id" = t."RequestId" AND t."Status" = 'Open';
        """;

    /// <inheritdoc cref="FillSqlite"/>
    public const string FillSqlServer = """
        UPDATE t SET [InboxSearchName] = r.[TaxpayerName] FROM [RequestTasks] AS t INNER JOIN [TaxpayerRequests] AS r ON r.[Id] = t.[RequestId]
        WHERE t.[Status] = N'Open';
        """;

    /// <summary>
    /// The FTS5 table over the copies (built from those already stored: 'rebuild') and its triggers: a task inserted, deleted
    /// or whose copy changes (set when it opens, cleared when it closes), and a request whose name is rewritten.
    /// </summary>
    public static readonly string CreateSqlite = Fts5TrigramIndex.Create(Table, "RequestTasks", "InboxSearchName") + $"""

        CREATE TRIGGER "{Table}_FromRequest" AFTER UPDATE OF "TaxpayerName" ON "TaxpayerRequests" BEGIN
            UPDATE "RequestTasks" SET "InboxSearchName" = new."TaxpayerName" WHERE "RequestId" = new."Id" AND "InboxSearchName" IS NOT NULL;
        END;
        """;

    /// <summary>Builds the FTS5 table again from every stored copy, e.g. after a bulk load without the triggers.</summary>
    public static readonly string RebuildSqlite = Fts5TrigramIndex.Rebuild(Table);

    public static readonly string DropSqlite = $"""
        DROP TRIGGER IF EXISTS "{Table}_FromRequest";

        """ + Fts5TrigramIndex.Drop(Table);

    /// <summary>A request's name rewritten in SQL: its open tasks' copies follow (PostgreSQL; the GIN index is in the model).</summary>
    public const string CreatePostgreSql = """
        CREATE OR REPLACE FUNCTION bpm_inbox_search_names_follow_request() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE "RequestTasks" SET "InboxSearchName" = NEW."TaxpayerName" WHERE "RequestId" = NEW."Id" AND "InboxSearchName" IS NOT NULL;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS inbox_search_names_follow_request ON "TaxpayerRequests";
        CREATE TRIGGER inbox_search_names_follow_request AFTER UPDATE OF "TaxpayerName" ON "TaxpayerRequests" FOR EACH ROW
            WHEN (OLD."TaxpayerName" IS DISTINCT FROM NEW."TaxpayerName") EXECUTE FUNCTION bpm_inbox_search_names_follow_request();
        """;

    public const string DropPostgreSql = """
        DROP TRIGGER IF EXISTS inbox_search_names_follow_request ON "TaxpayerRequests";
        DROP FUNCTION IF EXISTS bpm_inbox_search_names_follow_request();
        """;
}
