using Bpm.Application.Bureaus;
using Bpm.Application.Tasks;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Users;

namespace Bpm.Application.Requests.Duplicates;

/// <summary>
/// 合并: a handler merges a duplicate into an open request of the bureau subtree they see. In one transaction the duplicate
/// becomes Merged (with a reference to the target), its workflow is cancelled with its open tasks and their timers, the
/// journal says why; the target's workflow carries on, and its feedback step gives both taxpayers a feedback task
/// (<see cref="MergedFeedback"/>) — at once, when the target is already waiting for its feedback.
/// </summary>
public sealed class RequestMergeService(
    IUnitOfWork unitOfWork, IBureauStore bureaus, ITaxpayerRequestStore requests, IRequestTaskStore tasks, RequestWorkflowService workflows,
    MergedFeedback feedback, TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    /// <exception cref="AccessDeniedException">the user is not a handler.</exception>
    /// <exception cref="DomainValidationException">no reason, an unknown target, or a merge the rules refuse; nothing changes.</exception>
    public Task<TaxpayerRequest> MergeAsync(Guid requestId, Guid intoRequestId, string? reason, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return unitOfWork.InTransactionAsync(
            async ct =>
            {
                var tree = await bureaus.LoadTreeAsync(ct);
                var scope = BureauScope.Below(tree, user.BureauId);
                var duplicate = await requests.FindAsync(requestId, ct);
                if (duplicate is null || !scope.Contains(duplicate.BureauId))
                {
                    throw new NotFoundException($"诉求 {requestId} 不存在");
                }

                if (!user.Roles.HasFlag(Roles.Handler))
                {
                    throw new AccessDeniedException("只有承办人可以合并诉求");
                }

                var errors = new List<FieldError>();
                if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
                {
                    errors.Add(new FieldError("reason", $"合并须说明原因（不超过{MaxReasonLength}个字符）"));
                }

                var target = intoRequestId == requestId ? duplicate : await requests.FindAsync(intoRequestId, ct);
                if (target is null || !scope.Contains(target.BureauId))
                {
                    errors.Add(new FieldError("intoRequestId", "目标诉求不存在或不在您的机构范围内"));
                    throw new DomainValidationException(errors);
                }

                errors.AddRange(duplicate.MergeRefusals(target));
                if (errors.Count > 0)
                {
                    throw new DomainValidationException(errors);
                }

                duplicate.MergeInto(target, time.GetUtcNow());

                await workflows.CancelAsync(duplicate, tree, user.UserId, $"合并至 {target.Number}：{reason!.Trim()}", ct);
                if ((await tasks.ListByRequestAsync(target.Id, ct)).FirstOrDefault(MergedFeedback.IsFeedback) is { } waiting)
                {
                    await feedback.OpenAsync(duplicate, target, waiting, tree, ct);
                }

                return duplicate;
            },
            cancellationToken);
    }
}
