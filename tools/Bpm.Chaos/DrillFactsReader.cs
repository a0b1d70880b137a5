using Npgsql;

namespace Bpm.Chaos;

/// <summary>Reads what the server stored, with plain SQL on the drill's PostgreSQL database.</summary>
public static class DrillFactsReader
{
    public static async Task<DrillFacts> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var readAt = await ScalarAsync<DateTime>(connection, "SELECT now()", cancellationToken);
        var requests = await ListAsync(connection, """SELECT "Id", "Number", "Text" FROM "TaxpayerRequests" """,
            r => new StoredRequest(r.GetGuid(0), r.GetString(1), r.GetString(2)), cancellationToken);
        var tasks = await ListAsync(connection,
            """SELECT "Id", "RequestId", "WorkflowInstanceId", "ActivityId", "ActivityType", "BookmarkId", "Status", "OpenedAt", "CompletedAt" FROM "RequestTasks" """,
            r => new StoredTask(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                Utc(r.GetDateTime(7)), r.IsDBNull(8) ? null : Utc(r.GetDateTime(8))), cancellationToken);
        var journal = await ListAsync(connection,
            """SELECT "RequestId", "WorkflowInstanceId", "ActivityInstanceId", "ActivityId", "ActivityType", "Status" FROM "WorkflowJournal" """,
            r => new StoredJournalEntry(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)), cancellationToken);
        var timers = await ListAsync(connection, """SELECT "Id", "Kind", "Sequence", "TaskId", "Status", "DueAt" FROM "DueTimers" """,
            r => new StoredTimer(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4), Utc(r.GetDateTime(5))), cancellationToken);
        var instances = await ListAsync(connection, """SELECT "Id", "Status" FROM "WorkflowInstances" """,
            r => new StoredInstance(r.GetString(0), r.GetString(1)), cancellationToken);
        return new DrillFacts(requests, tasks, journal, timers, instances, Utc(readAt));
    }

    /// <summary>Timers whose instant passed (by the database's clock) and that are still pending: the drill waits for none.</summary>
    public static async Task<long> CountPendingDueAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ScalarAsync<long>(connection, """SELECT count(*) FROM "DueTimers" WHERE "Status" = 'Pending' AND "DueAt" <= now()""", cancellationToken);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
