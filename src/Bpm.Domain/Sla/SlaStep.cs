namespace Bpm.Domain.Sla;

/// <summary>
/// The timed steps of the mechanism. Each has a number of working days in a bureau's SLA policy.
/// Stored by name; never rename a member.
/// </summary>
public enum SlaStep
{
    /// <summary>登记后转交纳税服务部门: Xiantao 1 WD after registration.</summary>
    Transfer,

    /// <summary>对分派有异议: Ulanqab 2 WD after the task list is pushed.</summary>
    DispatchObjection,

    /// <summary>办理: Xiantao 2 WD, Ulanqab 10 WD after the handling unit receives it.</summary>
    Handling,

    /// <summary>延期上限: Xiantao ≤ 5 WD in all (handling included), Ulanqab ≤ 20 WD of extension.</summary>
    ExtensionCap,

    /// <summary>延期申请提前量: Ulanqab — apply at least 2 WD before the due date; 0 = any time before due.</summary>
    ExtensionLeadTime,

    /// <summary>无法解决提交联席会议: Ulanqab 3 WD after the push.</summary>
    EscalateUnsolvable,

    /// <summary>结果反馈纳税人: Xiantao 1 WD after handling is done.</summary>
    Feedback,

    /// <summary>跟踪回访: revisit after feedback.</summary>
    Revisit,

    /// <summary>回访不满意重新办理: re-handling after a poor revisit; no extension allowed.</summary>
    Rehandle,
}

/// <summary>How an <see cref="SlaStep.ExtensionCap"/> counts.</summary>
public enum ExtensionCapBasis
{
    /// <summary>The extensions alone may add up to the cap (Ulanqab: 10 WD + at most 20 WD).</summary>
    ExtensionOnly,

    /// <summary>Handling plus extensions may not exceed the cap (Xiantao: 2 WD, extended to at most 5 WD in all).</summary>
    HandlingPlusExtension,
}
