using Bpm.Domain.Requests;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>对账销号: archives the request; nothing more happens to it.</summary>
[Activity("Bpm", "CloseRequest", Category = BpmCategory.Name, DisplayName = "办结归档 Close", Description = "Archive the request.")]
public sealed class CloseRequest(RequestWorkflowContext request) : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        request.MoveRequestTo(RequestStatus.Closed, context.TimeProvider.GetUtcNow());
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
