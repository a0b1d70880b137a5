using Bpm.Domain.Audit;

namespace Bpm.Application.Audit;

/// <summary>The <c>Audit</c> section. Example: <c>{"HashAlgorithm": "SM3", "RetentionDays": 365}</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>等保2.0 level 3 asks to keep audit records at least six months: fewer than 180 days is refused at start-up.</summary>
    public const int MinimumRetentionDays = 180;

    /// <summary><c>SHA256</c> (default) or <c>SM3</c> (GB/T 32905-2016).</summary>
    public string HashAlgorithm { get; set; } = AuditChain.Sha256;

    /// <summary>Rows older than this many days may be pruned (<c>bpm audit prune</c>); at least 180, default 365.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>Null when valid, else the reason, e.g. "Audit:RetentionDays is 90: it must be at least 180 (等保2.0: six months)".</summary>
    public string? Problem()
    {
        if (RetentionDays < MinimumRetentionDays)
        {
            return $"{Section}:{nameof(RetentionDays)} is {RetentionDays}: it must be at least {MinimumRetentionDays} (等保2.0 keeps audit records six months)";
        }

        return HashAlgorithm is AuditChain.Sha256 or AuditChain.Sm3
            ? null
            : $"{Section}:{nameof(HashAlgorithm)} is '{HashAlgorithm}': use {AuditChain.Sha256} or {AuditChain.Sm3}";
    }
}
