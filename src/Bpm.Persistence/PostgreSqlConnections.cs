using System.Data.Common;
using Npgsql;

namespace Bpm.Persistence;

/// <summary>
/// The connection string Bpm opens PostgreSQL with: the configured one, plus Npgsql's automatic preparation unless the
/// configuration says otherwise. A statement text a pooled connection has run five times is prepared on it and stays prepared
/// across opens, so PostgreSQL stops parsing and planning it: a task completion runs the same fifteen-odd statements every
/// time (on this machine 10 % off its latency). Example: <c>Host=db;Database=bpm</c> → <c>Host=db;Database=bpm;Max Auto Prepare=64</c>;
/// <c>…;Max Auto Prepare=0</c> (turned off) or any other count is kept as written.
/// </summary>
public static class PostgreSqlConnections
{
    /// <summary>Prepared statements kept per connection (the least recently used one makes room): the hot paths' texts fit.</summary>
    public const int AutoPrepared = 64;

    public static string Tuned(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared }.ConnectionString;
    }
}
