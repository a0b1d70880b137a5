namespace Bpm.Domain.Audit;

/// <summary>
/// One row of the tamper-evident audit log (等保2.0 安全审计): who did what to which subject, when. Rows form a chain:
/// each carries the hash of the row before it, so an edited, deleted or reordered row breaks every check after it.
/// Never updated or deleted by the application (only retention pruning removes rows older than Audit:RetentionDays).
/// Example: #1042, 2026-03-02T02:00:00.000Z, xt.handler, StateChange, "request:XT-2026-000123", "task 办理 claimed".
/// The summary never holds personal data in clear (no contact, no credit code, no request text).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxSubjectLength = 128;
    public const int MaxSummaryLength = 500;
    public const int MaxActorNameLength = 64;

    private AuditEntry()
    {
    }

    public AuditEntry(
        long sequence, DateTimeOffset at, Guid? actorUserId, string actorName, Guid? bureauId, AuditKind kind, string subject, string summary,
        string algorithm, string previousHash)
    {
        Sequence = sequence;
        At = TruncateToMilliseconds(at);
        ActorUserId = actorUserId;
        ActorName = Clip(actorName, MaxActorNameLength);
        BureauId = bureauId;
        Kind = kind;
        Subject = Clip(subject, MaxSubjectLength);
        Summary = Clip(summary, MaxSummaryLength);
        Algorithm = algorithm;
        PreviousHash = previousHash;
        Hash = "";
    }

    /// <summary>1, 2, 3, … without gaps: a missing number is a deleted row.</summary>
    public long Sequence { get; private set; }

    /// <summary>UTC, whole milliseconds (what every provider stores exactly, so the hash reads back the same).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Null for the system (a timer, a CLI job) and for a failed sign-in of an unknown user name.</summary>
    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary>The bureau the subject belongs to (the request's), else the actor's; an audit-admin sees rows of their subtree.</summary>
    public Guid? BureauId { get; private set; }

    public AuditKind Kind { get; private set; }

    /// <summary>"request:XT-2026-000123", "user:xt.hall", "SlaRule:…".</summary>
    public string Subject { get; private set; } = "";

    public string Summary { get; private set; } = "";

    /// <summary>"SHA256" or "SM3": the hash function of this row (Audit:HashAlgorithm when it was written).</summary>
    public string Algorithm { get; private set; } = "";

    public string PreviousHash { get; private set; } = "";

    public string Hash { get; private set; } = "";

    public void Seal(string hash) => Hash = hash;

    /// <summary>2026-03-02T02:00:00.1234567Z → 2026-03-02T02:00:00.123Z, in UTC.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>What an audit row records.</summary>
public enum AuditKind
{
    /// <summary>A request or task changed state: registered, claimed, completed, transferred, cancelled, closed.</summary>
    StateChange,

    /// <summary>A due instant moved: extension, re-plan, pause/resume, calendar or SLA change.</summary>
    DeadlineChange,

    SignIn,

    SignInFailed,

    SignOut,

    /// <summary>Someone opened a request (the PIPL access log).</summary>
    DataView,

    /// <summary>Bureaus, units, users, roles, SLA lines, calendars, workflow definitions.</summary>
    AdminChange,

    /// <summary>Lockout, unlock, password reset.</summary>
    SecurityChange,

    /// <summary>Rows older than the retention period were pruned (the checkpoint keeps the chain verifiable).</summary>
    Retention,
}
