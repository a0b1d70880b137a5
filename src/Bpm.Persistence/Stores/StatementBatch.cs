using System.Data.Common;
using System.Globalization;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Statements for PostgreSQL gathered first and sent in one round trip (a <see cref="DbBatch"/>), in the order added: a
/// completion's new bookmark and task rows with its day counts wait for the server once instead of three times, and so do
/// the audit rows of a commit with the move of the chain's head. Each statement keeps its own parameters (<c>@p0</c>, …).
/// A statement that fails fails the batch (and, on PostgreSQL, the transaction it runs in).
/// </summary>
internal sealed class StatementBatch : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbCommand _parameterFactory;
    private readonly List<(string Text, List<DbParameter> Parameters)> _statements = [];

    public StatementBatch(DbConnection connection)
    {
        _connection = connection;
        _parameterFactory = connection.CreateCommand();
    }

    /// <summary>Creates parameters for the statement being built (<see cref="Add(string, List{DbParameter})"/>); it runs nothing.</summary>
    public DbCommand ParameterFactory => _parameterFactory;

    public int Count => _statements.Count;

    public void Add(string text, List<DbParameter> parameters) => _statements.Add((text, parameters));

    /// <summary>
    /// A statement written as interpolated SQL, its arguments bound as <c>@p0</c>, <c>@p1</c>, … by their CLR types:
    /// <c>$"UPDATE t SET n = {5} WHERE id = {1}"</c> → <c>UPDATE t SET n = @p0 WHERE id = @p1</c>.
    /// </summary>
    public void Add(FormattableString sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parameters = new List<DbParameter>(sql.ArgumentCount);
        var placeholders = new object[sql.ArgumentCount];
        for (var i = 0; i < sql.ArgumentCount; i++)
        {
            var parameter = _parameterFactory.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = sql.GetArgument(i) ?? DBNull.Value;
            parameters.Add(parameter);
            placeholders[i] = "@" + parameter.ParameterName;
        }

        Add(string.Format(CultureInfo.InvariantCulture, sql.Format, placeholders), parameters);
    }

    /// <summary>Sends the statements gathered so far in one round trip and returns the rows each changed, in order; then starts empty.</summary>
    public async Task<IReadOnlyList<int>> RunAsync(DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (_statements.Count == 0)
        {
            return [];
        }

        await using var batch = _connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (text, parameters) in _statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = text;
            command.Parameters.AddRange(parameters.ToArray());
            batch.BatchCommands.Add(command);
        }

        _statements.Clear();
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return [.. batch.BatchCommands.Select(c => c.RecordsAffected)];
    }

    public ValueTask DisposeAsync() => _parameterFactory.DisposeAsync();
}
