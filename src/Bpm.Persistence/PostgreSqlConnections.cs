using System.Data.Common;
using Npgsql;

namespace Bpm.Persistence;

/// <summary>
/// The connection string Bpm opens PostgreSQL with: the configured one, plus two pool settings unless the configuration
/// writes them itself (then it is kept as written, e.g. <c>…;Max Auto Prepare=0</c> turns preparation off).
/// <list type="bullet">
/// <item>Automatic preparation: a statement text a pooled connection has run five times is prepared on it and stays prepared
/// across opens, so PostgreSQL stops parsing and planning it: a task completion runs the same fifteen-odd statements every
/// time (on this machine 10 % off its latency).</item>
/// <item>No reset when a pooled connection is handed out again: otherwise each open costs a round trip of <c>RESET ALL;
/// UNLISTEN *; …</c> before the first statement — two of them per task completion (the unit of work, then the open tasks read
/// after it). Safe because Bpm leaves no state on a session: its only setting is <c>SET LOCAL</c>, which ends with its
/// transaction (<see cref="Stores.EfAuditLog.PruneAsync"/>), and it uses no LISTEN, temporary tables or advisory locks.</item>
/// </list>
/// Example: <c>Host=db;Database=bpm</c> → <c>Host=db;Database=bpm;Max Auto Prepare=64;No Reset On Close=True</c>.
/// </summary>
public static class PostgreSqlConnections
{
    /// <summary>Prepared statements kept per connection (the least recently used one makes room): the hot paths' texts fit.</summary>
    public const int AutoPrepared = 64;

    public static string Tuned(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = written.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var writesPreparation = keys.Contains("MaxAutoPrepare");
        var writesReset = keys.Contains("NoResetOnClose");
        if (writesPreparation && writesReset)
        {
            return connectionString;
        }

        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!writesPreparation)
        {
            tuned.MaxAutoPrepare = AutoPrepared;
        }

        if (!writesReset)
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }
}
