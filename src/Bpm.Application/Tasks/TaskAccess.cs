using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Tasks;

namespace Bpm.Application.Tasks;

/// <summary>
/// Who may act on a task: it must lie in the user's bureau subtree (else it does not exist for them), and the user must
/// have claimed it, or belong to its unit with its role. Example: xt.handler may complete 仙桃 所得税科's 办理; wlcb.handler
/// gets 404 for it, xt.approver of the same unit gets 403.
/// </summary>
public sealed class TaskAccess(IBureauStore bureaus, IRequestTaskStore tasks)
{
    /// <exception cref="NotFoundException">no such task in the user's subtree.</exception>
    /// <exception cref="AccessDeniedException">the task belongs to another unit or role, and the user has not claimed it.</exception>
    public async Task<(RequestTask Task, BureauTree Tree)> ForActionAsync(Guid taskId, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var task = await tasks.FindToActOnAsync(taskId, cancellationToken);
        if (task is null || !BureauScope.Below(tree, user.BureauId).Contains(task.BureauId))
        {
            throw new NotFoundException($"任务 {taskId} 不存在");
        }

        var ownsTask = task.ClaimedBy == user.UserId || (task.AssigneeUnitId == user.UnitId && (user.Roles & task.AssigneeRole) != 0);
        if (!ownsTask)
        {
            throw new AccessDeniedException($"任务“{task.Title}”属于其他单位或需要其他角色");
        }

        return (task, tree);
    }
}
