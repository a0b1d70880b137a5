using Bpm.Domain.Requests;

namespace Bpm.Application.Requests;

/// <summary>Notes on requests (append-only). Implementations: Bpm.Persistence (EF Core), one contract test class for all.</summary>
public interface IRequestNoteStore
{
    Task AddAsync(RequestNote note, CancellationToken cancellationToken);

    /// <summary>The request's notes, oldest first.</summary>
    Task<IReadOnlyList<RequestNote>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);
}
