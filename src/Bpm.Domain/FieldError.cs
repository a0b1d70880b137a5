namespace Bpm.Domain;

/// <summary>One reason an input was refused, e.g. <c>("contact", "电话号码格式不正确 …")</c>.</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>
/// Input was refused for one or more field reasons; nothing was changed. The API turns this into a
/// 400 ProblemDetails whose <c>errors</c> map each field to its reasons.
/// </summary>
public sealed class DomainValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
