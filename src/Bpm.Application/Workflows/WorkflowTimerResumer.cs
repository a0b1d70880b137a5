using Bpm.Engine.Stores;

namespace Bpm.Application.Workflows;

/// <summary>The engine's <see cref="IBookmarkResumer"/>: a fired workflow timer resumes the request's workflow (idempotent).</summary>
public sealed class WorkflowTimerResumer(RequestWorkflowService workflows) : IBookmarkResumer
{
    public Task ResumeTimerAsync(string bookmarkId, string workflowInstanceId, CancellationToken cancellationToken) =>
        workflows.ResumeTimerAsync(bookmarkId, workflowInstanceId, cancellationToken);
}
