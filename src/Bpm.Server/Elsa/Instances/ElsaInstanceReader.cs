using Bpm.Application;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Application.Workflows.Instances;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Server.Elsa.Instances;

/// <summary>Reads what the instance viewer shows of one instance, within the signed-in user's bureau subtree (else 404).</summary>
public sealed class ElsaInstanceReader(
    WorkflowInstanceAccess access, IWorkflowJournalStore journal, IWorkflowDefinitionStore definitions, ICurrentUser user)
{
    /// <exception cref="NotFoundException">no such instance in the user's subtree.</exception>
    public Task<VisibleInstance> InstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        access.ForReadingAsync(instanceId, user, cancellationToken);

    /// <exception cref="NotFoundException">no such instance in the user's subtree.</exception>
    public async Task<WorkflowState> StateAsync(string instanceId, CancellationToken cancellationToken) =>
        (await InstanceAsync(instanceId, cancellationToken)).State;

    /// <exception cref="NotFoundException">no such instance in the user's subtree.</exception>
    public async Task<ElsaInstanceHistory> HistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await StateAsync(instanceId, cancellationToken);
        var entries = await journal.ListByInstanceAsync(state.InstanceId, cancellationToken);
        var definition = await definitions.FindByVersionIdAsync(state.DefinitionVersionId, cancellationToken);
        return new ElsaInstanceHistory(state, entries, definition);
    }

    /// <summary>The execution with this id (an activity instance id) of an instance the user may see.</summary>
    /// <exception cref="NotFoundException">no such execution in the user's subtree.</exception>
    public async Task<ElsaActivityExecutionRecord> ExecutionAsync(string activityExecutionId, CancellationToken cancellationToken)
    {
        var instanceId = await journal.FindInstanceOfActivityAsync(activityExecutionId, cancellationToken)
            ?? throw new NotFoundException($"活动执行记录 {activityExecutionId} 不存在");
        var history = await HistoryAsync(instanceId, cancellationToken);
        return history.Executions().SingleOrDefault(e => e.Id == activityExecutionId)
            ?? throw new NotFoundException($"活动执行记录 {activityExecutionId} 不存在");
    }

    /// <summary>Variable values by the definition's variable ids; variables the definition does not declare keep their name as id.</summary>
    public async Task<IReadOnlyList<ElsaResolvedVariable>> VariablesAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await StateAsync(instanceId, cancellationToken);
        var definition = await definitions.FindByVersionIdAsync(state.DefinitionVersionId, cancellationToken);
        var declared = definition?.Variables ?? [];
        var idsByName = declared.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        return [.. state.Variables.Select(v => new ElsaResolvedVariable(idsByName.GetValueOrDefault(v.Key) ?? v.Key, v.Key, v.Value?.DeepClone()))];
    }
}
