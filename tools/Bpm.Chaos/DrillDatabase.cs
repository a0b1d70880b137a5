using Npgsql;

namespace Bpm.Chaos;

/// <summary>A fresh PostgreSQL database for one drill (bpm_chaos_…), created through BPM_TEST_POSTGRES and dropped afterwards.</summary>
public sealed class DrillDatabase : IAsyncDisposable
{
    public const string Variable = "BPM_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;

    private DrillDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Kept (not dropped) for a look afterwards.</summary>
    public bool Keep { get; set; }

    public static async Task<DrillDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run `bash tools/ci/postgres.sh` and export the connection string it prints");

        // CREATE DATABASE copies the template and waits for other sessions' creations: on a busy shared server it can take
        // longer than Npgsql's 15 s connect and 30 s command defaults.
        var admin = new NpgsqlConnectionStringBuilder(configured) { Timeout = 60, CommandTimeout = 300 }.ConnectionString;
        var name = "bpm_chaos_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(configured) { Database = name };
        return new DrillDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            await Console.Error.WriteLineAsync($"database kept: {ConnectionString}");
            return;
        }

        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
