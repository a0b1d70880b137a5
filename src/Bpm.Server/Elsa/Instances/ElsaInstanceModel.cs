using Bpm.Application.Workflows.Instances;
using Bpm.Engine.Runtime;

namespace Bpm.Server.Elsa.Instances;

/// <summary>Our instance as Elsa's <c>WorkflowInstanceModel</c>; <c>definitionVersionId</c> is the exact version it runs on.</summary>
public static class ElsaInstanceModel
{
    public static ElsaWorkflowInstance From(VisibleInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var s = instance.State;
        var state = new ElsaWorkflowState(
            s.InstanceId, s.DefinitionId, s.DefinitionVersionId, s.DefinitionVersion, instance.CorrelationId, instance.Name, s.Status, s.SubStatus,
            [.. s.Bookmarks.Select(b => new ElsaBookmark(
                b.Id, b.Name, b.Hash, b.Payload?.DeepClone(), b.ActivityId, b.ActivityNodeId, b.ActivityInstanceId, b.CreatedAt, b.AutoBurn, null, []))],
            s.Incidents, Fault(s), [], [], s.Input.DeepClone().AsObject(), s.Output.DeepClone().AsObject(), [], s.CreatedAt, s.UpdatedAt, s.FinishedAt);
        return new ElsaWorkflowInstance(
            s.InstanceId, s.DefinitionId, s.DefinitionVersionId, s.DefinitionVersion, null, state, s.Status, s.SubStatus, false,
            instance.CorrelationId, instance.Name, s.Incidents.Count, false, s.CreatedAt, s.UpdatedAt, s.FinishedAt);
    }

    /// <summary>The last incident of a faulted instance; null while it runs or when it finished otherwise.</summary>
    private static ElsaWorkflowFault? Fault(WorkflowState state) =>
        state.SubStatus == WorkflowSubStatus.Faulted && state.Incidents.LastOrDefault() is { } last
            ? new ElsaWorkflowFault(last.Exception, last.Message, last.ActivityId)
            : null;
}
