namespace Bpm.Application;

/// <summary>
/// How many units of work may usefully write at the same time, for bulk jobs that split into independent transactions
/// (a re-plan of 100,000 deadlines). SQLite lets one writer in per file, so 1; a database server works on one transaction
/// while this process prepares the next, so 2 or more.
/// </summary>
public interface IWriteConcurrency
{
    int UsefulWriters { get; }
}
