using Bpm.Domain.Tasks;

namespace Bpm.Application.Tasks;

/// <summary>The append-only audit of moved deadlines. Implementations: Bpm.Persistence (EF Core).</summary>
public interface IDeadlineChangeStore
{
    Task AddAsync(IReadOnlyCollection<DeadlineChange> changes, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<DeadlineChange>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);
}
