using System.Data.Common;
using Bpm.Application.Audit;
using Bpm.Application.PersonalData;
using Bpm.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence.PersonalData;

/// <summary>How many requests a pass read, and how many it rewrote (in clear, under an older key, or with a stale digest).</summary>
public sealed record PersonalDataRekeyResult(int Examined, int Rewritten);

/// <summary>
/// Brings every stored contact and credit code under the active key, with fresh digests: rows still in clear (written
/// before encryption), rows under an older key (k1 after k2 became active), rows whose digest was made with another
/// digest key. Batches of requests in key order, each batch in its own transaction, so a stopped pass resumes where it
/// stopped and a second pass rewrites nothing. Rotation: add k2 and make it active → run this → k1 can be removed.
/// Raw SQL, so rows keep their version and nobody's open edit of a request conflicts with it.
/// </summary>
public sealed class PersonalDataRekeying(BpmDbContext db, IAuditTrail audit)
{
    public const int DefaultBatchSize = 500;

    /// <summary>
    /// The pass at a start: skipped (null) when the last full pass finished under these same keys and no request holds a
    /// contact or credit code outside the active key (in clear, or written by a node still on an older key). A restart at
    /// 10⁶ requests then scans two columns in the database instead of decrypting and digesting 2 × 10⁶ values in the
    /// server (about 10 s of processor time, competing with the first users after every start).
    /// </summary>
    public async Task<PersonalDataRekeyResult?> RunUnlessCurrentAsync(int batchSize, CancellationToken cancellationToken)
    {
        var keys = await db.PersonalDataPass.AsNoTracking().Where(p => p.Id == PersonalDataPassRow.SingletonId)
            .Select(p => p.KeysFingerprint).SingleOrDefaultAsync(cancellationToken);
        return keys == db.PersonalData.Fingerprint && !await AnyOutsideActiveKeyAsync(cancellationToken)
            ? null
            : await RunAsync(batchSize, cancellationToken);
    }

    /// <summary>
    /// Whether any stored contact or credit code is not under the active key, e.g. <c>NOT LIKE 'v1:k2:%'</c> (key ids are
    /// letters and digits, so the prefix holds no wildcard). Raw SQL: through the model the pattern would be encrypted.
    /// </summary>
    private async Task<bool> AnyOutsideActiveKeyAsync(CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var prefix = db.PersonalData.ActiveHeader + "%";
        string Column(string name) => sql.DelimitIdentifier(name);
        var query = $"SELECT 1 AS {Column("Value")} FROM {Column("TaxpayerRequests")} "
            + $"WHERE {Column("Contact")} NOT LIKE {{0}} OR ({Column("CreditCode")} IS NOT NULL AND {Column("CreditCode")} NOT LIKE {{0}})";
        return await db.Database.SqlQueryRaw<int>(query, prefix).AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Reads every request and rewrites those not under the active key or with a stale digest; afterwards records the keys
    /// it ran under (<see cref="PersonalDataPassRow"/>), so the next start under the same keys skips it.
    /// </summary>
    public async Task<PersonalDataRekeyResult> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        var protector = db.PersonalData;
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string name) => sql.DelimitIdentifier(name);
        var table = sql.DelimitIdentifier("TaxpayerRequests");
        var columns = $"{Column("Id")}, {Column("Contact")}, {Column("CreditCode")}, {Column("ContactDigest")}, {Column("CreditCodeDigest")}";
        var size = Math.Clamp(batchSize, 1, 10_000);
        string Select(string where) => db is SqlServerBpmDbContext
            ? $"SELECT TOP ({size}) {columns} FROM {table} {where} ORDER BY {Column("Id")}"
            : $"SELECT {columns} FROM {table} {where} ORDER BY {Column("Id")} LIMIT {size}";
        var first = Select("");
        var next = Select($"WHERE {Column("Id")} > @after");
        // Only if the row still holds what was read: the pass may run while the server serves (at start-up it runs in the
        // background), and a contact changed in between must not be overwritten with the old one re-encrypted.
        var update = $"UPDATE {table} SET {Column("Contact")} = @contact, {Column("CreditCode")} = @code, {Column("ContactDigest")} = @contactDigest, "
            + $"{Column("CreditCodeDigest")} = @codeDigest WHERE {Column("Id")} = @id AND {Column("Contact")} = @readContact "
            + $"AND ({Column("CreditCode")} = @readCode OR ({Column("CreditCode")} IS NULL AND @readCodeMissing = 1))";

        object? after = null;
        var examined = 0;
        var rewritten = 0;
        // The update of a row not under the active key (or with a stale digest); null for a row already current.
        (string Sql, (string, object?)[] Parameters)? Renewed(StoredRow row)
        {
            var contact = protector.Unprotect(row.Contact);
            var code = row.CreditCode is null ? null : protector.Unprotect(row.CreditCode);
            var contactDigest = protector.Digest(contact);
            var codeDigest = code is null ? null : protector.Digest(code);
            var current = protector.IsCurrent(row.Contact) && (row.CreditCode is null || protector.IsCurrent(row.CreditCode))
                && row.ContactDigest == contactDigest && row.CreditCodeDigest == codeDigest;
            return current ? null : (update,
                [("@contact", protector.Protect(contact)), ("@code", code is null ? null : protector.Protect(code)),
                 ("@contactDigest", contactDigest), ("@codeDigest", codeDigest), ("@id", row.Id),
                 ("@readContact", row.Contact), ("@readCode", row.CreditCode), ("@readCodeMissing", row.CreditCode is null ? 1 : 0)]);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        try
        {
            while (true)
            {
                // Read outside any transaction: on SQLite a transaction takes the writer's lock at once, and a pass over
                // 10⁶ requests in 2,000 back-to-back transactions kept every sign-in and registration waiting until they
                // failed ("database is locked") for the two minutes after each start. Only a batch with rows to rewrite
                // (after a key rotation) takes the lock, for its updates alone; each update still checks the row it read.
                var batch = await ReadAsync(connection, after is null ? first : next, after, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                var stale = batch.Select(Renewed).OfType<(string Sql, (string, object?)[] Parameters)>().ToList();
                if (stale.Count > 0)
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    foreach (var (statement, parameters) in stale)
                    {
                        rewritten += await ExecuteAsync(transaction.GetDbTransaction(), statement, cancellationToken, parameters);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }

                examined += batch.Count;
                after = batch[^1].Id;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await RecordKeysAsync(protector.Fingerprint, cancellationToken);
        if (rewritten > 0)
        {
            await audit.AppendAsync(
                new AuditEvent(AuditKind.SecurityChange, "personal-data", $"personal data re-encrypted: {rewritten} of {examined} requests now under the active key"),
                null, cancellationToken);
        }

        return new PersonalDataRekeyResult(examined, rewritten);
    }

    /// <summary>
    /// Records the keys of a finished pass. On SQLite it waits at most a second for another writer (the pass runs while the
    /// server serves, and SQLite has one writer at a time): if the file stays locked, nothing is recorded and the next start
    /// runs the pass again, e.g. one that finished while a long import held the database.
    /// </summary>
    private async Task RecordKeysAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var timeout = db.Database.GetCommandTimeout();
        var sqlite = db is SqliteBpmDbContext;
        if (sqlite)
        {
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(1));
        }

        try
        {
            await db.PersonalDataPass.Where(p => p.Id == PersonalDataPassRow.SingletonId)
                .ExecuteUpdateAsync(p => p.SetProperty(r => r.KeysFingerprint, fingerprint), cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException busy) when (busy.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            // Left for the next pass.
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>How many requests each key protects ("clear" for rows not yet encrypted), for <c>bpm personal-data status</c>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> KeysInUseAsync(CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var query = $"SELECT {sql.DelimitIdentifier("Contact")} AS {sql.DelimitIdentifier("Value")} FROM {sql.DelimitIdentifier("TaxpayerRequests")}";
        var contacts = await db.Database.SqlQueryRaw<string>(query).ToListAsync(cancellationToken);
        return contacts.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>"k2" for <c>v1:k2:…</c>, "clear" for a value written before encryption.</summary>
    public static string KeyOf(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith("v1:", StringComparison.Ordinal))
        {
            return "clear";
        }

        var end = stored.IndexOf(':', 3);
        return end < 0 ? "clear" : stored[3..end];
    }

    private static async Task<List<StoredRow>> ReadAsync(DbConnection connection, string select, object? after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = select;
        if (after is not null)
        {
            AddParameter(command, "@after", after);
        }
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredRow(
                reader.GetValue(0),
                reader.GetString(1),
                await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2),
                await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3),
                await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4)));
        }

        return rows;
    }

    private static async Task<int> ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }

    private sealed record StoredRow(object Id, string Contact, string? CreditCode, string? ContactDigest, string? CreditCodeDigest);
}
