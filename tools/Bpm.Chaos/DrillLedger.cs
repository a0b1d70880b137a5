using System.Collections.Concurrent;

namespace Bpm.Chaos;

/// <summary>What a client was told about one call: a clear yes, a clear no, or nothing (the server died mid-call).</summary>
public enum CallOutcome
{
    /// <summary>201 for a registration, 200 for a completion.</summary>
    Succeeded,

    /// <summary>An answer other than success (409 conflict, 503, 500, …): the change may not have happened.</summary>
    Refused,

    /// <summary>Never reached a server (connection refused): nothing can have happened.</summary>
    NotSent,

    /// <summary>Sent, but no answer came back (the server was killed): it may or may not have happened, never twice.</summary>
    Unknown,
}

/// <summary>One <c>POST /api/requests</c>; <see cref="Marker"/> is a unique text in the request's body that finds it again.</summary>
public sealed record RegistrationCall(string Marker, CallOutcome Outcome, int? Status, Guid? RequestId, string? Number);

/// <summary>One <c>POST /api/tasks/{id}/complete</c>.</summary>
public sealed record CompletionCall(Guid TaskId, Guid RequestId, CallOutcome Outcome, int? Status);

/// <summary>Everything the load generator sent and what it was told, from all its workers at once.</summary>
public sealed class DrillLedger
{
    private readonly ConcurrentQueue<RegistrationCall> _registrations = new();
    private readonly ConcurrentQueue<CompletionCall> _completions = new();

    public IReadOnlyCollection<RegistrationCall> Registrations => [.. _registrations];

    public IReadOnlyCollection<CompletionCall> Completions => [.. _completions];

    public void Add(RegistrationCall call) => _registrations.Enqueue(call);

    public void Add(CompletionCall call) => _completions.Enqueue(call);
}
