namespace Bpm.Engine.Runtime;

/// <summary>An activity that threw (contract §5.5), recorded on the instance instead of crashing the runner.</summary>
public sealed record Incident(
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string Message,
    IncidentException Exception,
    DateTimeOffset Timestamp);

public sealed record IncidentException(string Type, string Message, string? StackTrace, IncidentException? InnerException)
{
    public static IncidentException From(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace,
            exception.InnerException is null ? null : From(exception.InnerException));
}
