using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Requests;

namespace Bpm.Application.Requests;

/// <summary>
/// Notes on a request: anyone who may read the request (its bureau is in the user's subtree) reads and writes them.
/// A Ulanqab handler asking for a Xiantao request's notes gets <see cref="NotFoundException"/>, as for an unknown id.
/// </summary>
public sealed class RequestNoteService(IBureauStore bureaus, ITaxpayerRequestStore requests, IRequestNoteStore notes, TimeProvider time)
{
    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    public async Task<IReadOnlyList<RequestNote>> ListAsync(Guid requestId, ICurrentUser user, CancellationToken cancellationToken)
    {
        await ReadableAsync(requestId, user, cancellationToken);
        return await notes.ListByRequestAsync(requestId, cancellationToken);
    }

    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    /// <exception cref="Bpm.Domain.DomainValidationException">the text is empty or longer than 2000 characters.</exception>
    public async Task<RequestNote> AddAsync(Guid requestId, ICurrentUser user, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await ReadableAsync(requestId, user, cancellationToken);
        var now = time.GetUtcNow();
        var note = RequestNote.Write(Guid.CreateVersion7(now), requestId, user.UserId, user.DisplayName, text, now);
        await notes.AddAsync(note, cancellationToken);
        return note;
    }

    private async Task ReadableAsync(Guid requestId, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null || !BureauScope.Below(tree, user.BureauId).Contains(request.BureauId))
        {
            throw new NotFoundException($"诉求 {requestId} 不存在");
        }
    }
}
