namespace Bpm.Application;

/// <summary>
/// How many units of work may usefully write at the same time, for bulk jobs that split into independent transactions
/// (a re-plan of 100,000 deadlines). SQLite lets one writer in per file, so 1; a database server works on one transaction
/// while this process prepares the next, so 2 or more.
/// </summary>
public interface IWriteConcurrency
{
    int UsefulWriters { get; }

    /// <summary>
    /// Rows one such transaction should take: each commit writes every page it touched once, so fewer, larger commits
    /// write less — but on SQLite the one writer is held meanwhile and other users' saves wait (about 1 s for 5,000 re-planned
    /// deadlines). Example: a re-plan of 100,000 deadlines is 20 commits on SQLite, 200 on a server (several at a time).
    /// </summary>
    int RowsPerTransaction { get; }
}
