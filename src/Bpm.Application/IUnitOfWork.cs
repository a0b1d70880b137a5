namespace Bpm.Application;

/// <summary>
/// Runs work in one database transaction: either everything it saved is committed, or nothing is. Used where
/// a request, its workflow instance, tasks, bookmarks and journal must change together.
/// </summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
