using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bpm.Persistence;

/// <summary>
/// A hot query that EF translates once instead of on every call (<c>EF.CompileAsyncQuery</c>). A compiled query is bound to
/// the model it first ran with, and one process can hold several (the tests run SQLite and PostgreSQL side by side), so one
/// is compiled per model. Example: the bureau tree's counter, read by every HTTP request.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(BpmDbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
