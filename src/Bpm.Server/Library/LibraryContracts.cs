using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Domain.Tags;

namespace Bpm.Server.Library;

/// <summary>
/// Body of <c>PUT /api/requests/{id}/tags</c> and <c>PUT /api/admin/bureaus/{b}/tags</c>: <c>{"tags":["发票","出口退税"]}</c>.
/// </summary>
public sealed record TagsBody(IReadOnlyList<string?>? Tags);

/// <summary>One tag of a request; <c>fromVocabulary</c> false for a free tag.</summary>
public sealed record RequestTagDto(string Name, bool FromVocabulary)
{
    public static RequestTagDto From(RequestTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new RequestTagDto(tag.Name, tag.FromVocabulary);
    }
}

/// <summary>The vocabulary that holds at a bureau and the bureau that set it (null: none set on the path).</summary>
public sealed record TagVocabularyDto(Guid BureauId, Guid? InheritedFrom, bool IsOwn, IReadOnlyList<string> Tags);

/// <summary>
/// Body of <c>POST /api/library</c>: <c>{"sourceRequestId":"…","kind":"StandardAnswer","title":"…"}</c>; a missing question
/// takes the request's text, a missing answer its outcome (the on-the-spot answer or the handling result).
/// </summary>
public sealed record ProposeLibraryEntryBody(
    Guid? SourceRequestId, LibraryEntryKind? Kind, string? Title, string? Question, string? Answer, string? PolicyBasis, IReadOnlyList<string?>? Tags);

/// <summary>Body of <c>POST /api/library/{id}/reject</c>: <c>{"reason":"答复口径已过时"}</c>.</summary>
public sealed record RejectLibraryEntryBody(string? Reason);

/// <summary>One item of the library as the API shows it.</summary>
public sealed record LibraryEntryDto(
    Guid Id,
    LibraryEntryKind Kind,
    Guid BureauId,
    string Title,
    string Question,
    string Answer,
    string? PolicyBasis,
    IReadOnlyList<string> Tags,
    RequestType RequestType,
    Guid SourceRequestId,
    LibraryEntryStatus Status,
    Guid ProposedBy,
    string ProposerName,
    DateTimeOffset ProposedAt,
    Guid? DecidedBy,
    string? DeciderName,
    DateTimeOffset? DecidedAt,
    string? RejectionReason)
{
    public static LibraryEntryDto From(LibraryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LibraryEntryDto(
            entry.Id, entry.Kind, entry.BureauId, entry.Title, entry.Question, entry.Answer, entry.PolicyBasis, [.. entry.Tags], entry.RequestType,
            entry.SourceRequestId, entry.Status, entry.ProposedBy, entry.ProposerName, entry.ProposedAt, entry.DecidedBy, entry.DeciderName,
            entry.DecidedAt, entry.RejectionReason);
    }
}

/// <summary>A published item offered for a request, with its similarity to the request's text (0–1, ≥ the threshold).</summary>
public sealed record SuggestedAnswerDto(LibraryEntryDto Entry, double Score);
