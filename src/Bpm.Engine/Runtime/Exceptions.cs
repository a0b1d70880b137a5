namespace Bpm.Engine.Runtime;

/// <summary>The bookmark is not (or no longer) in the instance: already resumed, cancelled, or never there.</summary>
public sealed class BookmarkNotFoundException(string instanceId, string bookmarkId)
    : Exception($"Workflow instance '{instanceId}' has no bookmark '{bookmarkId}' (already resumed, cancelled, or unknown).")
{
    public string InstanceId { get; } = instanceId;
    public string BookmarkId { get; } = bookmarkId;
}

/// <summary>A Finished instance (finished, cancelled or faulted) never runs again.</summary>
public sealed class WorkflowFinishedException(string instanceId, WorkflowSubStatus subStatus)
    : Exception($"Workflow instance '{instanceId}' is finished ({subStatus}) and cannot be resumed.")
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>The definition has validation errors; run only graphs whose <see cref="WorkflowGraph.IsValid"/> is true.</summary>
public sealed class InvalidWorkflowException(IReadOnlyList<ValidationError> errors)
    : Exception("The workflow definition is not valid: " + string.Join("; ", errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
