namespace Bpm.Persistence.Audit;

/// <summary>
/// PostgreSQL refuses any UPDATE, TRUNCATE or DELETE of audit rows, whoever sends it, except a DELETE of rows older than 180 days
/// by a transaction that declared <c>SET LOCAL bpm.audit_pruning = 'on'</c> (retention pruning, <see cref="Stores.EfAuditLog.PruneAsync"/>).
/// Installed by the migration AuditLog (raw SQL): keep that call when regenerating the migration.
/// </summary>
public static class AuditTableGuards
{
    public const string CreatePostgreSql = """
        CREATE OR REPLACE FUNCTION bpm_audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF current_setting('bpm.audit_pruning', true) = 'on' AND OLD."At" < now() - interval '180 days' THEN
                    RETURN OLD;
                END IF;
            END IF;
            RAISE EXCEPTION 'AuditEntries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        DROP TRIGGER IF EXISTS audit_entries_append_only ON "AuditEntries";
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION bpm_audit_entries_append_only();
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries" FOR EACH STATEMENT EXECUTE FUNCTION bpm_audit_entries_append_only();
        """;

    public const string DropPostgreSql = """
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
        DROP TRIGGER IF EXISTS audit_entries_append_only ON "AuditEntries";
        DROP FUNCTION IF EXISTS bpm_audit_entries_append_only();
        """;
}
