using Bpm.Engine.Model;
using Bpm.Engine.Runtime;

namespace Bpm.Engine.Publishing;

/// <summary>
/// Outcome of a publish: the now published version, or the validation errors that prevented it.
/// <see cref="AlreadyPublished"/> when the latest version was published before the call.
/// </summary>
public sealed record PublishResult(WorkflowDefinition Definition, bool AlreadyPublished, IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
