namespace Bpm.Domain;

/// <summary>
/// A business rule was broken, e.g. closing a request that was never fed back.
/// <see cref="Field"/> names the input at fault (camelCase, as the API shows it) when there is one.
/// </summary>
public sealed class DomainException(string code, string message, string? field = null) : Exception(message)
{
    /// <summary>Stable machine-readable reason, e.g. <c>request.invalid-transition</c>.</summary>
    public string Code { get; } = code;

    public string? Field { get; } = field;
}

/// <summary>
/// The change collides with what someone else already did, e.g. completing a task a colleague completed a
/// moment ago. Nothing was changed; the API answers 409.
/// </summary>
public sealed class DomainConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
