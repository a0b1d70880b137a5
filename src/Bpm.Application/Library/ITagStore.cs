using Bpm.Domain.Tags;

namespace Bpm.Application.Library;

/// <summary>Tags on requests and the bureaus' tag vocabularies. Implementations: Bpm.Persistence (EF Core), one contract test class for all.</summary>
public interface ITagStore
{
    /// <summary>The vocabularies these bureaus set themselves (not inherited), each in its order.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> VocabulariesAsync(IReadOnlyCollection<Guid> bureauIds, CancellationToken cancellationToken);

    /// <summary>Replaces the bureau's own vocabulary with these names in this order; an empty list makes it inherit again.</summary>
    Task ReplaceVocabularyAsync(Guid bureauId, IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>The request's tags, by name.</summary>
    Task<IReadOnlyList<RequestTag>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The tags of these requests in one read, by request (a request without tags is absent).</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<RequestTag>>> ListByRequestsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken);

    /// <summary>Replaces the request's tags with these.</summary>
    Task ReplaceRequestTagsAsync(Guid requestId, IReadOnlyList<RequestTag> tags, CancellationToken cancellationToken);
}
