using Bpm.Application.Bureaus;
using Bpm.Application.Timers;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;

namespace Bpm.Application.Administration;

/// <summary>A step's line as an administrator enters it; <see cref="CutOff"/> null = the bureau's cut-off.</summary>
public sealed record SlaLineInput(int WorkingDays, ExtensionCapBasis? CapBasis, TimeOnly? CutOff, EscalationLadder? Ladder);

/// <summary>The line in force for one step and type at a bureau, and where it comes from.</summary>
/// <param name="Own">set by the bureau itself; otherwise inherited from <see cref="From"/>.</param>
/// <param name="ForAllTypes">the line is the all-types line of <see cref="From"/>, not one for this type.</param>
public sealed record EffectiveSlaStep(SlaStep Step, SlaRule Rule, bool Own, bool ForAllTypes, Bureau From);

public sealed record SlaTypePolicy(RequestType Type, IReadOnlyList<EffectiveSlaStep> Steps);

/// <summary>A bureau's SLA policy: per type, every step's line in force; and the lines the bureau sets itself.</summary>
public sealed record SlaPolicyView(Bureau Bureau, IReadOnlyList<SlaTypePolicy> Types, IReadOnlyList<SlaRule> OwnLines);

/// <summary>The line as stored (null after a removal), whether it replaced an own line, and what the re-plan did.</summary>
public sealed record SlaChangeResult(Bureau Bureau, SlaStep Step, RequestType? Type, SlaRule? Line, bool Replaced, ReplanOutcome Replan);

/// <summary>
/// An administrator reads and changes a bureau's SLA policy (per request type × step: working days, cap basis, cut-off,
/// escalation ladder). A line set at a bureau holds for its sub-bureaus unless they set their own; a line set at 集宁区
/// changes nothing at 乌兰察布 or 仙桃. Each change is saved first, then (<see cref="ReplanMode.Open"/>) every open deadline
/// of the step in the bureau's subtree is re-counted by <see cref="DeadlineReplanner"/> in its own transactions; if that
/// is interrupted, <c>bpm deadlines replan --bureau CODE</c> finishes it (the re-plan is idempotent).
/// </summary>
public sealed class SlaAdministrationService(IBureauStore bureaus, DeadlineReplanner replanner)
{
    /// <summary>Every type's effective lines at the bureau, or one type's when <paramref name="type"/> is given.</summary>
    public async Task<SlaPolicyView> GetPolicyAsync(string bureau, RequestType? type, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        var types = type is { } only ? [only] : Enum.GetValues<RequestType>();
        return new SlaPolicyView(
            target,
            [.. types.Select(t => new SlaTypePolicy(t, [.. tree.SlaPolicyOf(target.Id, t).OrderBy(p => p.Key).Select(p => new EffectiveSlaStep(
                p.Key, p.Value.Value, p.Value.IsOwnOf(target.Id), p.Value.Value.Type is null, tree[p.Value.FromBureauId!.Value]))]))],
            [.. tree.OwnSlaRules(target.Id)]);
    }

    /// <summary>
    /// Sets the bureau's own line for the step and type (null = all types), replacing its own line if it had one.
    /// Example: 仙桃 Handling 2 → 3 WD moves a handling task counted from Wed 2026-09-30 from Fri 10-09 to Sat 10-10 (调休).
    /// </summary>
    /// <exception cref="DomainValidationException">every refused field, e.g. workingDays -1, cutOff 00:00, ladder.maxReminders 99.</exception>
    public async Task<SlaChangeResult> SetLineAsync(
        string bureau, SlaStep step, RequestType? type, SlaLineInput input, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        RefuseBad(step, input);

        var replaced = tree.OwnSlaRules(target.Id).Any(r => r.Type == type && r.Step == step);
        var line = new SlaRule(target.Id, type, step, input.WorkingDays, input.CapBasis, input.Ladder, input.CutOff);
        await bureaus.SetSlaRuleAsync(line, cancellationToken);
        var reason = $"{target.Name}{(replaced ? "修改" : "设置")}{StepName(step)}时限（{TypeName(type)}）：{Describe(input)}";
        return new SlaChangeResult(target, step, type, line, replaced, await ReplanAsync(target, step, type, reason, mode, actor, cancellationToken));
    }

    /// <summary>
    /// Removes the bureau's own line, so it inherits again (仙桃 without its Handling line → the national 2 WD). Refused at a
    /// bureau where the step would then be unset for some type (the root's all-types lines).
    /// </summary>
    /// <exception cref="NotFoundException">the bureau has no own line for the step and type.</exception>
    public async Task<SlaChangeResult> RemoveLineAsync(
        string bureau, SlaStep step, RequestType? type, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        RefuseRemoval(tree, target, step, type);

        await bureaus.RemoveSlaRuleAsync(target.Id, type, step, cancellationToken);
        var reason = $"{target.Name}删除自己的{StepName(step)}时限（{TypeName(type)}），改用上级规则";
        return new SlaChangeResult(target, step, type, null, true, await ReplanAsync(target, step, type, reason, mode, actor, cancellationToken));
    }

    /// <summary>
    /// The preview of <see cref="SetLineAsync"/> in <see cref="ReplanMode.Open"/>: how many open deadlines the line would move,
    /// nothing saved. Example: 仙桃 Handling 2 → 3 WD with one open handling task → DeadlinesMoved 1.
    /// </summary>
    /// <exception cref="DomainValidationException">the same refusals as <see cref="SetLineAsync"/>.</exception>
    public async Task<ReplanReport> PreviewSetLineAsync(
        string bureau, SlaStep step, RequestType? type, SlaLineInput input, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        RefuseBad(step, input);

        var changed = tree.WithSlaRule(new SlaRule(target.Id, type, step, input.WorkingDays, input.CapBasis, input.Ladder, input.CutOff));
        return await replanner.PreviewAsync(new ReplanScope(target.Id, DeadlineChangeCause.PolicyChange, "", actor.UserId, step, type), changed, cancellationToken);
    }

    /// <summary>The preview of <see cref="RemoveLineAsync"/>: how many open deadlines inheriting again would move.</summary>
    public async Task<ReplanReport> PreviewRemoveLineAsync(
        string bureau, SlaStep step, RequestType? type, AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var target = actor.Administered(tree, bureau);
        RefuseRemoval(tree, target, step, type);

        return await replanner.PreviewAsync(
            new ReplanScope(target.Id, DeadlineChangeCause.PolicyChange, "", actor.UserId, step, type), tree.WithoutSlaRule(target.Id, type, step), cancellationToken);
    }

    /// <exception cref="DomainValidationException">every refused field of the line at once.</exception>
    private static void RefuseBad(SlaStep step, SlaLineInput input)
    {
        var problems = Problems(step, input).ToList();
        if (problems.Count > 0)
        {
            throw new DomainValidationException(problems);
        }
    }

    /// <summary>A line may be removed only if the bureau has one and the step stays set by inheritance without it.</summary>
    /// <exception cref="NotFoundException">the bureau has no own line for the step and type.</exception>
    private static void RefuseRemoval(BureauTree tree, Bureau target, SlaStep step, RequestType? type)
    {
        if (!tree.OwnSlaRules(target.Id).Any(r => r.Type == type && r.Step == step))
        {
            throw new NotFoundException($"{target.Name}没有自己设置的{StepName(step)}时限（{TypeName(type)}），无需删除");
        }

        if (!tree.StepStaysSetWithout(target.Id, type, step))
        {
            throw new DomainException(
                "sla.step-unset", $"删除后{target.Name}及其下级将没有{StepName(step)}时限（上级没有可继承的规则）；请修改而不是删除", "step");
        }
    }

    /// <summary>Every refused field at once, named as in the API body.</summary>
    public static IEnumerable<FieldError> Problems(SlaStep step, SlaLineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.WorkingDays is < 0 or > SlaRule.MaxWorkingDays)
        {
            yield return new FieldError("workingDays", $"工作日数应在0到{SlaRule.MaxWorkingDays}之间");
        }

        if (step == SlaStep.ExtensionCap && input.CapBasis is null)
        {
            yield return new FieldError("capBasis", "延期上限必须说明计算口径：ExtensionOnly（仅延期）或 HandlingPlusExtension（含办理期限）");
        }
        else if (step != SlaStep.ExtensionCap && input.CapBasis is not null)
        {
            yield return new FieldError("capBasis", "只有延期上限（ExtensionCap）设置计算口径");
        }

        if (input.CutOff == TimeOnly.MinValue)
        {
            yield return new FieldError("cutOff", "截止时间不能为00:00；一天结束（24:00）请留空");
        }

        foreach (var problem in input.Ladder?.Problems() ?? [])
        {
            yield return problem;
        }
    }

    private async Task<ReplanOutcome> ReplanAsync(
        Bureau bureau, SlaStep step, RequestType? type, string reason, ReplanMode mode, AdminActor actor, CancellationToken cancellationToken)
    {
        if (mode == ReplanMode.NewOnly)
        {
            return ReplanOutcome.NotReplanned;
        }

        var report = await replanner.ReplanAsync(
            new ReplanScope(bureau.Id, DeadlineChangeCause.PolicyChange, reason, actor.UserId, step, type), cancellationToken);
        return new ReplanOutcome(ReplanMode.Open, report);
    }

    private static string Describe(SlaLineInput input) =>
        $"{input.WorkingDays}个工作日" + (input.CutOff is { } cutOff ? $"，{cutOff:HH\\:mm}截止" : "")
        + (input.CapBasis is { } basis ? $"，{(basis == ExtensionCapBasis.ExtensionOnly ? "仅延期" : "含办理期限")}" : "");

    internal static string TypeName(RequestType? type) => type?.ChineseName() ?? "所有类型";

    /// <summary>The step's name in the UI, e.g. Handling → 办理.</summary>
    public static string StepName(SlaStep step) => step switch
    {
        SlaStep.Transfer => "转交",
        SlaStep.DispatchObjection => "分派异议",
        SlaStep.Handling => "办理",
        SlaStep.ExtensionCap => "延期上限",
        SlaStep.ExtensionLeadTime => "延期申请提前量",
        SlaStep.EscalateUnsolvable => "提交联席会议",
        SlaStep.Feedback => "结果反馈",
        SlaStep.Revisit => "回访",
        SlaStep.Rehandle => "重新办理",
        _ => step.ToString(),
    };
}
