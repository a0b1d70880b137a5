using Bpm.Application.Tasks;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Server.WebUi.RequestList;

namespace Bpm.Server.Library;

/// <summary>
/// What a proposal starts from: the request's text as the question and its outcome as the answer — the on-the-spot answer,
/// or the last handling result ("已为其办理退税"), without the step's name that the ledger puts in front of it.
/// </summary>
public sealed class SourceAnswer(IRequestTaskStore tasks, TimeProvider time)
{
    public async Task<string?> OutcomeOfAsync(TaxpayerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OnTheSpotAnswer is { } spot)
        {
            return spot;
        }

        var progress = RequestProgress.Of(request, await tasks.ListByRequestAsync(request.Id, cancellationToken), time.GetUtcNow());
        return progress.Outcome?.Split('：', 2) is [_, var text] ? text : progress.Outcome;
    }

    /// <summary>The draft with its blanks filled from the request: question ← text, answer ← outcome.</summary>
    public async Task<LibraryDraft> CompleteAsync(LibraryDraft draft, TaxpayerRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (request is null)
        {
            return draft;
        }

        return draft with
        {
            Question = string.IsNullOrWhiteSpace(draft.Question) ? request.Text : draft.Question,
            Answer = string.IsNullOrWhiteSpace(draft.Answer) ? await OutcomeOfAsync(request, cancellationToken) : draft.Answer,
        };
    }
}
