using Bpm.Domain.Audit;

namespace Bpm.Application.Audit;

/// <summary>
/// Something to record before it gets its place in the chain. Example: (DataView, "request:0193…", "viewed XT-2026-000123", Xiantao).
/// </summary>
public sealed record AuditEvent(AuditKind Kind, string Subject, string Summary, Guid? BureauId = null)
{
    /// <summary>The subject of everything about one request, so its history and its access log are one query: "request:{id}".</summary>
    public static string RequestSubject(Guid requestId) => "request:" + requestId.ToString("D");

    public static string UserSubject(string userName) => "user:" + userName;
}

/// <summary>Who an audit row names: a signed-in user, or <see cref="System"/> for timers and operator jobs.</summary>
public sealed record AuditActor(Guid? UserId, string Name, Guid? BureauId)
{
    public static readonly AuditActor System = new(null, "system", null);
}

/// <summary>The actor of the current scope: the host reads it from the signed-in user (HTTP), else <see cref="AuditActor.System"/>.</summary>
public interface IAuditActorSource
{
    AuditActor Current { get; }
}

/// <summary>Writes audit rows that no entity change carries: sign-ins, data views, pruning.</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Inside a transaction: the row is chained when that transaction commits, and vanishes if it rolls back.
    /// Outside one: written now, in a transaction of its own. <paramref name="actor"/> null → the scope's actor.
    /// </summary>
    Task AppendAsync(AuditEvent auditEvent, AuditActor? actor, CancellationToken cancellationToken);
}
