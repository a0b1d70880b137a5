using Bpm.Domain.Bureaus;

namespace Bpm.Domain.Users;

/// <summary>A member of staff who signs in to Bpm; what they may see is limited to their bureau's subtree.</summary>
public sealed class User
{
    public const int MaxDisplayNameLength = 50;

    private User()
    {
    }

    public User(Guid id, string userName, string displayName, Guid bureauId, Guid? unitId, Roles roles)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new DomainException("user.name", "用户名应为1–64位字母、数字或 . _ -", "userName");
        }

        RequiredText.Check(displayName, MaxDisplayNameLength, "user.display-name", "姓名", "displayName");

        Id = id;
        UserName = userName;
        DisplayName = displayName;
        BureauId = bureauId;
        UnitId = unitId;
        Roles = roles;
    }

    public Guid Id { get; private set; }

    public string UserName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public Guid BureauId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Roles Roles { get; private set; }

    /// <summary>Hash made by the host's password hasher; the domain never sees a password.</summary>
    public string PasswordHash { get; private set; } = "";

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    /// <summary>Wrong passwords since the last sign-in or lockout; at Auth:MaxFailedAttempts (5) the account locks.</summary>
    public int FailedSignIns { get; private set; }

    /// <summary>Sign-in refused until then (Auth:LockoutMinutes after the 5th wrong password), even with the right password.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>An administrator moves the user to a bureau and unit and sets their roles, e.g. xt.hall becomes Handler | Approver in 纳服科.</summary>
    public void Assign(Guid bureauId, Guid? unitId, Roles roles)
    {
        BureauId = bureauId;
        UnitId = unitId;
        Roles = roles;
    }

    public bool Has(Roles role) => (Roles & role) == role;
}

/// <summary>What a user may do; one person may hold several, e.g. Handler | Approver.</summary>
[Flags]
public enum Roles
{
    None = 0,

    /// <summary>流程负责人: edits and publishes workflows in the designer.</summary>
    ProcessOwner = 1,

    /// <summary>承办人: claims and completes tasks.</summary>
    Handler = 2,

    /// <summary>审批人: approves extensions, objections, escalations.</summary>
    Approver = 4,

    /// <summary>管理员: SLA timers, calendars, units and users of the bureau subtree.</summary>
    Administrator = 8,

    /// <summary>分析人员: dashboards, ledgers, reports.</summary>
    Analyst = 16,

    /// <summary>安全管理员 (三权分立): user roles, lockouts, password resets; no business settings.</summary>
    SecurityAdmin = 32,

    /// <summary>审计管理员 (三权分立): reads the audit log and access logs; changes nothing.</summary>
    AuditAdmin = 64,
}

/// <summary>
/// 三权分立 (等保2.0 level 3): system administration (<see cref="Roles.Administrator"/>), security administration and audit
/// administration are held by different people. Example: xt.admin may not also be AuditAdmin.
/// </summary>
public static class SeparationOfDuties
{
    public const Roles AdminRoles = Roles.Administrator | Roles.SecurityAdmin | Roles.AuditAdmin;

    /// <summary>Null when allowed, else the Chinese reason naming the field.</summary>
    public static string? Problem(Roles roles) =>
        System.Numerics.BitOperations.PopCount((uint)(roles & AdminRoles)) > 1
            ? "系统管理员、安全管理员、审计管理员三种角色不能由同一用户兼任（三权分立）"
            : null;
}
