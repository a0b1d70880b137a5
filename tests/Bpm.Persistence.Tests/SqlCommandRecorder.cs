using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Tests;

/// <summary>
/// Records the SQL that EF sends to one test database while it is alive — text and parameter values, through EF's
/// DiagnosticListener, so the store under test runs unchanged — and reads a recorded statement's plan on that database.
/// Other test classes running meanwhile use other databases and are left out. Example: the inbox searched for 恒达纺织 sends
/// <c>SELECT "r"."Id" … MATCH @p0 …</c>; <see cref="PlanAsync"/> of it answers SQLite's <c>EXPLAIN QUERY PLAN</c> lines.
/// </summary>
public sealed class SqlCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly TestDatabase _database;
    private readonly (string DataSource, string Database) _target;
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _subscribing = new();

    public SqlCommandRecorder(TestDatabase database)
    {
        _database = database;
        using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        _target = (connection.DataSource, connection.Database);
        Track(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    /// <summary>The plan of <paramref name="command"/>: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's EXPLAIN lines.</summary>
    /// <param name="setup">run first on the same connection, e.g. <c>SET enable_seqscan = off</c>.</param>
    public async Task<IReadOnlyList<string>> PlanAsync(RecordedCommand command, string? setup = null, bool analyze = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = _database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (setup is not null)
        {
            await using var prepare = connection.CreateCommand();
            prepare.CommandText = setup;
            await prepare.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        var sqlite = _database.Provider == DatabaseProvider.Sqlite;
        explain.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : analyze ? "EXPLAIN (ANALYZE, COSTS OFF) " : "EXPLAIN (COSTS OFF) ") + command.Text;
        foreach (var (name, value, type) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            if (type != System.Data.DbType.Object)
            {
                parameter.DbType = type;
            }

            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(sqlite ? 3 : 0));
        }

        return lines;
    }

    public void Dispose()
    {
        lock (_subscribing)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            Track(value.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandEventData { Command: var command } && command.Connection is { } connection
            && (connection.DataSource, connection.Database) == _target)
        {
            _commands.Enqueue(new RecordedCommand(
                command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value, p.DbType))]));
        }
    }

    private void Track(IDisposable subscription)
    {
        lock (_subscribing)
        {
            _subscriptions.Add(subscription);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}

/// <summary>A statement as EF sent it: its text and its parameters (name, value, type).</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value, System.Data.DbType Type)> Parameters);
