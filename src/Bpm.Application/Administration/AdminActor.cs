using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Users;

namespace Bpm.Application.Administration;

/// <summary>
/// Who changes a bureau's settings: an administrator within their bureau subtree, or the system (the CLI, run by an
/// operator on the database itself, actor null in the audit). Example: xt.admin may change 仙桃 but gets 404 for 乌兰察布;
/// xt.handler gets 403 even for 仙桃.
/// </summary>
public sealed record AdminActor(Guid? UserId, Guid? BureauId, Roles Roles)
{
    /// <summary>The operator's CLI: every bureau, no user in the audit.</summary>
    public static AdminActor System { get; } = new(null, null, Roles.Administrator);

    public static AdminActor Of(ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.UserId, user.BureauId, user.Roles);
    }

    public bool IsSystem => UserId is null;

    /// <summary>
    /// The bureau named by <paramref name="bureau"/> (its id or its code, e.g. <c>xiantao</c>) if the actor administers it.
    /// </summary>
    /// <exception cref="AccessDeniedException">not an administrator: 403.</exception>
    /// <exception cref="NotFoundException">no such bureau, or outside the actor's subtree: 404.</exception>
    public Bureau Administered(BureauTree tree, string bureau)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if ((Roles & Roles.Administrator) == 0)
        {
            throw new AccessDeniedException("只有管理员可以查看和修改机构的时限规则与工作日历");
        }

        var found = Guid.TryParse(bureau, out var id) ? (tree.Contains(id) ? tree[id] : null) : tree.FindByCode(bureau ?? "");
        if (found is null || (BureauId is { } own && !BureauScope.Below(tree, own).Contains(found.Id)))
        {
            throw new NotFoundException($"机构“{bureau}”不存在");
        }

        return found;
    }

    /// <summary>National data (the State Council's notice) is the root's: only the system or an administrator of a root bureau.</summary>
    /// <exception cref="AccessDeniedException">not an administrator of a root bureau: 403.</exception>
    public void EnsureNational(BureauTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if ((Roles & Roles.Administrator) == 0 || (BureauId is { } own && (!tree.Contains(own) || tree[own].ParentId is not null)))
        {
            throw new AccessDeniedException("只有国家税务总局的管理员可以导入国务院节假日通知");
        }
    }
}

/// <summary>Which deadlines a change reaches. Sent by name: <c>replan=NewOnly</c>.</summary>
public enum ReplanMode
{
    /// <summary>Every affected open deadline is re-counted, moved, audited, and its timers moved (default).</summary>
    Open,

    /// <summary>Only tasks opened from now on see the change; open deadlines stay as they are.</summary>
    NewOnly,
}

/// <summary>What a change did to open deadlines: nothing (NewOnly) or the re-planner's report.</summary>
public sealed record ReplanOutcome(ReplanMode Mode, Timers.ReplanReport Report)
{
    public static ReplanOutcome NotReplanned { get; } = new(ReplanMode.NewOnly, new Timers.ReplanReport(0, 0, 0));
}
