using System.Data.Common;
using System.Globalization;
using Bpm.Persistence;
using Bpm.Persistence.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// Grows a seeded data set by copying its requests and their tasks with multi-row INSERTs over ADO.NET: every copy keeps the
/// columns the product wrote (encrypted contact and credit code, digests, statuses, dates, SLA figures) and gets a fresh id
/// that keeps the original's UUIDv7 time prefix (so id order stays receipt order) and the next free number of its bureau and
/// year, e.g. a copy of XT-2026-000017 becomes XT-2026-010017 when the template holds 10,000 requests. The tasks of a copy
/// point at the copied request. The number counters are raised to the highest number written, so registrations after the
/// load get fresh numbers.
/// </summary>
internal static class BulkCopy
{
    private sealed record Table(string Name, string[] Columns, string[] Casts, List<object[]> Rows);

    /// <summary>
    /// What an operator runs after a bulk load: fresh planner statistics (ANALYZE), and on PostgreSQL VACUUM too, i.e. the
    /// tables as autovacuum leaves them in a running deployment. Straight after a bulk load no page is marked all-visible, so
    /// every index-only scan also reads the rows' pages: on a kept 10⁶ data set the unit handler's inbox p95 went 43 → 17 ms
    /// and the overdue inbox 50 → 16 ms after VACUUM (2026-11-22).
    /// </summary>
    public static Task SettleAsync(BpmDbContext db, DatabaseProvider provider) =>
        db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql ? "VACUUM (ANALYZE)" : "ANALYZE");

    public static async Task<int> GrowAsync(DatabaseOptions options, int targetRequests, Action<string> progress, CancellationToken cancellationToken)
    {
        await using DbConnection connection = options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(options.ConnectionString)
            : new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // A 1 GiB page cache: the primary keys still take rows in random places.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;", cancellationToken);
        }

        // What a bulk load does: the secondary indexes go while rows pour in and are built again, sorted, at the end
        // (kept up row by row, 10^6 requests took half an hour on SQLite instead of minutes).
        var indexes = await SecondaryIndexesAsync(connection, options.Provider, cancellationToken);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"""DROP INDEX "{name}" """, cancellationToken);
        }

        // SQLite's trigram indexes of names (requests', open tasks') are kept by triggers, row by row like the indexes: they go
        // as well, and the indexes are built again at the end ('rebuild', ~2 s for 10⁶ names). PostgreSQL's GIN indexes are
        // among the indexes.
        var triggers = options.Provider == DatabaseProvider.Sqlite ? await TriggersAsync(connection, cancellationToken) : [];
        foreach (var (name, _) in triggers)
        {
            await ExecuteAsync(connection, $"""DROP TRIGGER "{name}" """, cancellationToken);
        }

        var requests = await ReadAsync(connection, options.Provider, "TaxpayerRequests", cancellationToken);
        var tasks = await ReadAsync(connection, options.Provider, "RequestTasks", cancellationToken);
        int requestId = Array.IndexOf(requests.Columns, "Id");
        int number = Array.IndexOf(requests.Columns, "Number");
        int bureau = Array.IndexOf(requests.Columns, "BureauId");
        int taskId = Array.IndexOf(tasks.Columns, "Id");
        int taskRequest = Array.IndexOf(tasks.Columns, "RequestId");
        var tasksByRequest = tasks.Rows.GroupBy(t => Key(t[taskRequest])).ToDictionary(g => g.Key, g => g.ToList());

        // The highest sequence per bureau and year: copies continue from it.
        var next = new Dictionary<(string Prefix, int Year), int>();
        var bureauOf = new Dictionary<(string Prefix, int Year), object>();
        foreach (var row in requests.Rows)
        {
            var (prefix, year, sequence) = SplitNumber((string)row[number]);
            next[(prefix, year)] = Math.Max(next.GetValueOrDefault((prefix, year)), sequence);
            bureauOf[(prefix, year)] = row[bureau];
        }

        int written = requests.Rows.Count;
        if (written == 0)
        {
            throw new InvalidOperationException("no request to copy: seed a template first");
        }
        var requestBatch = new List<object[]>();
        var taskBatch = new List<object[]>();
        int requestRowsPerInsert = RowsPerInsert(options.Provider, requests.Columns.Length);
        int taskRowsPerInsert = RowsPerInsert(options.Provider, tasks.Columns.Length);
        DbTransaction? transaction = null;
        int inTransaction = 0;
        while (written < targetRequests)
        {
            foreach (var template in requests.Rows)
            {
                if (written >= targetRequests)
                {
                    break;
                }

                var copy = (object[])template.Clone();
                copy[requestId] = FreshIdLike(template[requestId]);
                var (prefix, year, _) = SplitNumber((string)template[number]);
                int sequence = next[(prefix, year)] + 1;
                next[(prefix, year)] = sequence;
                copy[number] = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:D4}-{sequence:D6}");
                requestBatch.Add(copy);
                foreach (var task in tasksByRequest.GetValueOrDefault(Key(template[requestId])) ?? [])
                {
                    var taskCopy = (object[])task.Clone();
                    taskCopy[taskId] = FreshIdLike(task[taskId]);
                    taskCopy[taskRequest] = copy[requestId];
                    taskBatch.Add(taskCopy);
                }
                written++;

                if (requestBatch.Count >= requestRowsPerInsert)
                {
                    transaction ??= await connection.BeginTransactionAsync(cancellationToken);
                    inTransaction += requestBatch.Count;
                    await InsertAsync(connection, transaction, requests, requestBatch, cancellationToken);
                    await InsertAsync(connection, transaction, tasks, taskBatch, taskRowsPerInsert, cancellationToken);
                    requestBatch.Clear();
                    taskBatch.Clear();
                    if (inTransaction >= 10_000)
                    {
                        await transaction.CommitAsync(cancellationToken);
                        await transaction.DisposeAsync();
                        transaction = null;
                        inTransaction = 0;
                        if (written % 100_000 < requestRowsPerInsert)
                        {
                            progress(string.Create(CultureInfo.InvariantCulture, $"{written:N0} requests"));
                        }
                    }
                }
            }
        }

        transaction ??= await connection.BeginTransactionAsync(cancellationToken);
        if (requestBatch.Count > 0)
        {
            await InsertAsync(connection, transaction, requests, requestBatch, cancellationToken);
            await InsertAsync(connection, transaction, tasks, taskBatch, taskRowsPerInsert, cancellationToken);
        }

        foreach (var (name, definition) in indexes)
        {
            progress($"index {name}");
            await ExecuteAsync(connection, definition, cancellationToken, transaction);
        }

        foreach (var (_, definition) in triggers)
        {
            await ExecuteAsync(connection, definition, cancellationToken, transaction);
        }

        if (triggers.Count > 0)
        {
            progress($"index {TaxpayerNameTrigrams.Table}, {InboxSearchNameTrigrams.Table}");
            await ExecuteAsync(connection, TaxpayerNameTrigrams.RebuildSqlite, cancellationToken, transaction);
            await ExecuteAsync(connection, InboxSearchNameTrigrams.RebuildSqlite, cancellationToken, transaction);
        }

        foreach (var ((prefix, year), last) in next)
        {
            await using var counter = connection.CreateCommand();
            counter.Transaction = transaction;
            counter.CommandText = """UPDATE "RequestNumberSequences" SET "LastSequence" = @last WHERE "BureauId" = @bureau AND "Year" = @year AND "LastSequence" < @last""";
            AddParameter(counter, "@last", last);
            AddParameter(counter, "@bureau", bureauOf[(prefix, year)]);
            AddParameter(counter, "@year", year);
            if (await counter.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                counter.CommandText = """INSERT INTO "RequestNumberSequences" ("BureauId", "Year", "LastSequence") SELECT @bureau, @year, @last WHERE NOT EXISTS (SELECT 1 FROM "RequestNumberSequences" WHERE "BureauId" = @bureau AND "Year" = @year)""";
                await counter.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // The dashboard's daily counts are rebuilt from the rows by the migrator (it fills an empty table).
        await ExecuteAsync(connection, """DELETE FROM "RequestDayCounts" """, cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        foreach (var prepared in preparedInserts.Values)
        {
            await prepared.DisposeAsync();
        }
        preparedInserts.Clear();
        return written;
    }

    /// <summary>The indexes of the two tables that no constraint owns (the primary keys stay), with the SQL that makes each.</summary>
    private static Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken) =>
        NamesAndDefinitionsAsync(connection, provider == DatabaseProvider.Sqlite
            ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('TaxpayerRequests', 'RequestTasks') AND sql IS NOT NULL"
            : "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('TaxpayerRequests', 'RequestTasks') AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            cancellationToken);

    /// <summary>SQLite: the triggers on the two tables (those that keep <see cref="TaxpayerNameTrigrams"/> and <see cref="InboxSearchNameTrigrams"/>), with the SQL that makes each.</summary>
    private static Task<List<(string Name, string Definition)>> TriggersAsync(DbConnection connection, CancellationToken cancellationToken) =>
        NamesAndDefinitionsAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('TaxpayerRequests', 'RequestTasks')", cancellationToken);

    private static async Task<List<(string Name, string Definition)>> NamesAndDefinitionsAsync(DbConnection connection, string query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        return rows;
    }

    internal static (string Prefix, int Year, int Sequence) SplitNumber(string number)
    {
        int last = number.LastIndexOf('-');
        int before = number.LastIndexOf('-', last - 1);
        return (number[..before], int.Parse(number[(before + 1)..last], CultureInfo.InvariantCulture), int.Parse(number[(last + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>A new UUID with the same first 48 bits (the UUIDv7 time), in the same form: a Guid, or upper/lower-case text.</summary>
    internal static object FreshIdLike(object id)
    {
        string fresh = Guid.NewGuid().ToString();
        return id switch
        {
            Guid guid => Guid.Parse(guid.ToString()[..13] + fresh[13..]),
            string text => text[..13] + (char.IsUpper(text.FirstOrDefault(char.IsLetter, 'A')) ? fresh[13..].ToUpperInvariant() : fresh[13..]),
            _ => throw new InvalidOperationException($"unexpected id {id}"),
        };
    }

    private static string Key(object id) => id.ToString()!.ToUpperInvariant();

    private static int RowsPerInsert(DatabaseProvider provider, int columns) =>
        Math.Max(1, Math.Min(500, 65_000 / columns));

    private static async Task<Table> ReadAsync(DbConnection connection, DatabaseProvider provider, string name, CancellationToken cancellationToken)
    {
        var casts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (provider == DatabaseProvider.PostgreSql)
        {
            // Text read from json columns must be cast back on insert.
            await using var types = connection.CreateCommand();
            types.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @table AND data_type IN ('json', 'jsonb')";
            AddParameter(types, "@table", name);
            await using var typeReader = await types.ExecuteReaderAsync(cancellationToken);
            while (await typeReader.ReadAsync(cancellationToken))
            {
                casts[typeReader.GetString(0)] = "::" + typeReader.GetString(1);
            }
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT * FROM "{name}" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string[] columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[columns.Length];
            reader.GetValues(row);
            rows.Add(row);
        }
        return new Table(name, columns, [.. columns.Select(c => casts.GetValueOrDefault(c, ""))], rows);
    }

    private static Task InsertAsync(DbConnection connection, DbTransaction transaction, Table table, List<object[]> rows, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, rows, rows.Count, cancellationToken);

    /// <summary>
    /// SQLite (in-process, no round trip): one prepared single-row INSERT per table, executed per row; SQLite looks named
    /// parameters up one by one, so a 20,000-parameter statement would cost more than it saves. PostgreSQL: multi-row
    /// INSERTs of up to <paramref name="rowsPerInsert"/> rows with positional parameters ($1, $2 …), one round trip each.
    /// </summary>
    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Table table, List<object[]> rows, int rowsPerInsert, CancellationToken cancellationToken)
    {
        string columnList = string.Join(", ", table.Columns.Select(c => $"\"{c}\""));
        if (connection is SqliteConnection)
        {
            if (!preparedInserts.TryGetValue(table.Name, out var prepared) || prepared.Connection != connection)
            {
                prepared = (SqliteCommand)connection.CreateCommand();
                prepared.CommandText = $"""INSERT INTO "{table.Name}" ({columnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})""";
                for (int c = 0; c < table.Columns.Length; c++)
                {
                    prepared.Parameters.Add(new SqliteParameter("$p" + c.ToString(CultureInfo.InvariantCulture), DBNull.Value));
                }
                preparedInserts[table.Name] = prepared;
            }
            prepared.Transaction = (SqliteTransaction)transaction;
            foreach (var row in rows)
            {
                for (int c = 0; c < row.Length; c++)
                {
                    prepared.Parameters[c].Value = row[c];
                }
                await prepared.ExecuteNonQueryAsync(cancellationToken);
            }
            return;
        }

        for (int start = 0; start < rows.Count; start += rowsPerInsert)
        {
            int count = Math.Min(rowsPerInsert, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new System.Text.StringBuilder($"""INSERT INTO "{table.Name}" ({columnList}) VALUES """);
            int parameter = 0;
            for (int r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                var row = rows[start + r];
                for (int c = 0; c < row.Length; c++)
                {
                    parameter++;
                    text.Append(c == 0 ? "$" : ", $").Append(parameter.ToString(CultureInfo.InvariantCulture)).Append(table.Casts[c]);
                    var value = command.CreateParameter();
                    value.Value = row[c];
                    command.Parameters.Add(value);
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static readonly Dictionary<string, SqliteCommand> preparedInserts = new(StringComparer.Ordinal);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
