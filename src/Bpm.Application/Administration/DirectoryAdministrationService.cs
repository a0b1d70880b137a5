using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Users;

namespace Bpm.Application.Administration;

/// <summary>The bureaus an administrator manages: their own bureau (<see cref="Root"/>) and everything below it.</summary>
public sealed record AdministeredTree(BureauTree Tree, Bureau Root);

/// <summary>A bureau's units and users, as its administrator sees them.</summary>
public sealed record BureauDirectory(Bureau Bureau, BureauTree Tree, IReadOnlyList<Unit> Units, IReadOnlyList<User> Users);

public sealed record NewUnitInput(string? Code, string? Name, UnitKind Kind);

public sealed record NewUserInput(string? UserName, string? DisplayName, Guid? UnitId, Roles Roles, string? Password);

/// <summary>
/// An administrator keeps the directory of their subtree: adds units, adds users with an initial password, changes a
/// user's business roles (承办人, 审批人, 分析员, 流程负责人) and unit. The three admin roles (三权分立) are granted by the
/// security admin only (<see cref="SecurityAdministrationService.AssignRolesAsync"/>): an administrator can neither give one nor
/// change the roles of a user who holds one, their own included. Example: xt.admin adds 仙桃's 第二税务分局 and the user xt.zhang (Handler in it); xt.admin asking for
/// 乌兰察布 or for a 乌兰察布 user gets 404; a handler gets 403. Every refusal names its field in Chinese; nothing is stored then.
/// </summary>
public sealed class DirectoryAdministrationService(IBureauStore bureaus, IUserStore users, IPasswordHashing passwords, TimeProvider time)
{
    public const int MinPasswordLength = PasswordPolicy.MinLength;

    public async Task<AdministeredTree> GetTreeAsync(AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var root = actor.BureauId is { } own ? actor.Administered(tree, own.ToString()) : tree.Roots.First();
        return new AdministeredTree(tree, root);
    }

    public async Task<BureauDirectory> GetBureauAsync(string bureau, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        return new BureauDirectory(target, tree, await bureaus.ListUnitsAsync(target.Id, cancellationToken), await users.ListAsync(target.Id, cancellationToken));
    }

    /// <exception cref="DomainValidationException">code or name missing or too long, or the code taken in the bureau (e.g. "sdsk" at 仙桃).</exception>
    public async Task<Unit> AddUnitAsync(string bureau, NewUnitInput input, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        var errors = new List<FieldError>();
        var code = input.Code?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        Check(errors, () => RequiredText.Check(code, 32, "unit.code", "单位代码", "code"));
        Check(errors, () => RequiredText.Check(name, 100, "unit.name", "单位名称", "name"));
        if (code.Length > 0 && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(new FieldError("code", "单位代码只能包含字母、数字、- 和 _，例如 dejfj"));
        }

        var existing = await bureaus.ListUnitsAsync(target.Id, cancellationToken);
        if (existing.Any(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new FieldError("code", $"{target.Name}已有代码为“{code}”的单位"));
        }

        if (existing.Any(u => u.Name == name))
        {
            errors.Add(new FieldError("name", $"{target.Name}已有名为“{name}”的单位"));
        }

        ThrowIfAny(errors);
        var unit = new Unit(Guid.CreateVersion7(time.GetUtcNow()), target.Id, code, name, input.Kind);
        await bureaus.AddUnitAsync(unit, cancellationToken);
        return unit;
    }

    /// <exception cref="DomainValidationException">
    /// user name malformed or taken (any case), display name missing, no role, a unit of another bureau, a password shorter than 8.
    /// </exception>
    public async Task<User> AddUserAsync(string bureau, NewUserInput input, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        var errors = new List<FieldError>();
        var userName = input.UserName?.Trim() ?? "";
        var displayName = input.DisplayName?.Trim() ?? "";
        Check(errors, () => new User(Guid.Empty, userName, "-", target.Id, null, Roles.None));
        Check(errors, () => RequiredText.Check(displayName, User.MaxDisplayNameLength, "user.display-name", "姓名", "displayName"));
        if (userName.Length > 0 && await users.FindByUserNameAsync(userName, cancellationToken) is not null)
        {
            errors.Add(new FieldError("userName", $"用户名“{userName}”已被使用"));
        }

        errors.AddRange(await AssignmentProblemsAsync(target, input.UnitId, input.Roles, cancellationToken));
        errors.AddRange(AdminRoleProblems(actor, null, input.Roles));
        if (PasswordPolicy.Problem(input.Password, userName) is { } weak)
        {
            errors.Add(new FieldError("password", "初始" + weak));
        }

        ThrowIfAny(errors);
        var user = new User(Guid.CreateVersion7(time.GetUtcNow()), userName, displayName, target.Id, input.UnitId, input.Roles);
        user.SetPasswordHash(passwords.Hash(user, input.Password!));
        await users.AddAsync(user, cancellationToken);
        return user;
    }

    /// <summary>Sets the roles and unit of a user of the bureau; a user of a bureau outside the actor's subtree is not found (404).</summary>
    public async Task<User> AssignUserAsync(string bureau, Guid userId, Guid? unitId, Roles roles, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        var user = await users.FindAsync(userId, cancellationToken);
        if (user is null || user.BureauId != target.Id)
        {
            throw new NotFoundException($"{target.Name}没有这个用户");
        }

        var errors = await AssignmentProblemsAsync(target, unitId, roles, cancellationToken);
        errors.AddRange(AdminRoleProblems(actor, user, roles));

        ThrowIfAny(errors);
        user.Assign(target.Id, unitId, roles);
        if (!await users.SaveAssignmentAsync(user, cancellationToken))
        {
            throw new NotFoundException($"{target.Name}没有这个用户");
        }

        return user;
    }

    private async Task<List<FieldError>> AssignmentProblemsAsync(Bureau bureau, Guid? unitId, Roles roles, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (roles == Roles.None)
        {
            errors.Add(new FieldError("roles", "请至少选择一个角色"));
        }
        else if ((roles & ~AllRoles) != 0)
        {
            errors.Add(new FieldError("roles", "角色无效"));
        }
        else if (SeparationOfDuties.Problem(roles) is { } duties)
        {
            errors.Add(new FieldError("roles", duties));
        }

        if (unitId is { } id && (await bureaus.ListUnitsAsync(bureau.Id, cancellationToken)).All(u => u.Id != id))
        {
            errors.Add(new FieldError("unitId", $"所选单位不属于{bureau.Name}"));
        }

        if (unitId is null && (roles & Roles.Handler) != 0)
        {
            errors.Add(new FieldError("unitId", "承办人必须属于一个单位"));
        }

        return errors;
    }

    /// <summary>
    /// 三权分立 on the administrator's side: no admin role given, no admin's roles changed (xt.admin giving xt.hall 审计管理员, or
    /// changing xt.auditor or xt.admin itself → 400 on roles). The CLI (system) may, for the first accounts of a new bureau.
    /// </summary>
    private static IEnumerable<FieldError> AdminRoleProblems(AdminActor actor, User? user, Roles roles)
    {
        if (actor.IsSystem)
        {
            yield break;
        }

        if (user is not null && (user.Roles & SeparationOfDuties.AdminRoles) != 0)
        {
            yield return new FieldError("roles", $"三权分立：{user.UserName}是管理员账户，其角色只能由安全管理员修改");
        }
        else if ((roles & SeparationOfDuties.AdminRoles) != 0)
        {
            yield return new FieldError("roles", "三权分立：系统管理员、安全管理员、审计管理员角色只能由安全管理员分配");
        }
    }

    internal const Roles AllRoles = Roles.ProcessOwner | Roles.Handler | Roles.Approver | Roles.Administrator | Roles.Analyst | Roles.SecurityAdmin | Roles.AuditAdmin;

    private static void Check(List<FieldError> errors, Action build)
    {
        try
        {
            build();
        }
        catch (DomainException e)
        {
            errors.Add(new FieldError(e.Field ?? "", e.Message));
        }
    }

    private static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }
    }
}
