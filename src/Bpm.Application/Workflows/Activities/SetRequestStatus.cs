using Bpm.Domain.Requests;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>Moves the request along its life cycle, e.g. to Transferred after registration or Escalated before the joint meeting.</summary>
[Activity("Bpm", "SetRequestStatus", Category = BpmCategory.Name, DisplayName = "变更状态 Set status", Description = "Move the request to a status of its life cycle.")]
public sealed class SetRequestStatus(RequestWorkflowContext request) : Activity
{
    [Input(DisplayName = "状态 Status")]
    public RequestStatus Status { get; set; } = RequestStatus.Transferred;

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        request.MoveRequestTo(Status, context.TimeProvider.GetUtcNow());
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
