using Microsoft.Data.Sqlite;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>
/// Notices any write to the server's SQLite file: <c>PRAGMA data_version</c> on a connection of our own changes whenever
/// another connection commits, so a refused input that stored anything (a row, an update, an audit entry) shows.
/// On a change, <see cref="ChangedTables"/> names the tables whose row count or content checksum moved.
/// </summary>
internal sealed class StoreWatch : IDisposable
{
    private readonly SqliteConnection connection;
    private long version;
    private Dictionary<string, string> snapshot;

    public StoreWatch(string databaseFile)
    {
        connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        version = DataVersion();
        snapshot = Snapshot();
    }

    /// <summary>Whether anything was committed since the last call (and takes the new state as the baseline).</summary>
    public bool Changed(out IReadOnlyList<string> tables)
    {
        var now = DataVersion();
        if (now == version)
        {
            tables = [];
            return false;
        }

        version = now;
        var after = Snapshot();
        tables = [.. after.Where(t => !snapshot.TryGetValue(t.Key, out var before) || before != t.Value).Select(t => t.Key)];
        snapshot = after;
        return true;
    }

    private long DataVersion()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Per table: row count and the highest rowid, enough to name what an unexpected write touched.</summary>
    private Dictionary<string, string> Snapshot()
    {
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            try
            {
                result[table] = (string)count.ExecuteScalar()!;
            }
            catch (SqliteException)
            {
                result[table] = "?";
            }
        }

        return result;
    }

    public void Dispose() => connection.Dispose();
}
