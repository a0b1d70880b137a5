namespace Bpm.Application;

/// <summary>
/// Runs work in one database transaction: either everything it saved is committed, or nothing is. Used where
/// a request, its workflow instance, tasks, bookmarks and journal must change together.
/// </summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="InTransactionAsync{T}"/>, but the stores keep what they add or change in memory and it is written in one
    /// round of statements at the end of <paramref name="work"/>: a registration's request, workflow instance, bookmark, task,
    /// audit rows and daily counts go to the database together instead of in six saves. Reads inside the work therefore do not
    /// see the work's own unsaved rows; use it for a run that only reads what existed before it (register, complete a task).
    /// A version conflict found at the end is a <see cref="Requests.ConcurrencyConflictException"/>, as it would be mid-way.
    /// </summary>
    Task<T> InOneWriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
