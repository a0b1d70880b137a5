namespace Bpm.Domain.Requests;

/// <summary>
/// Where a request stands in 受理登记 → 快速办理 → 结果反馈 → 跟踪回访 → 归档. Stored by name.
/// The allowed moves are in <see cref="RequestLifeCycle"/>.
/// </summary>
public enum RequestStatus
{
    /// <summary>受理登记: registered by the first unit that received it (首问负责制).</summary>
    Registered,

    /// <summary>已转交: handed to the tax-service department for consolidation.</summary>
    Transferred,

    /// <summary>已分派: with a lead unit (and co-handling units) for handling.</summary>
    Dispatched,

    /// <summary>提交联席会议: unsolvable or contentious, taken over by the joint meeting.</summary>
    Escalated,

    /// <summary>已办结: handling done, the taxpayer still has to be told.</summary>
    Handled,

    /// <summary>已反馈: the taxpayer has the result; awaiting the revisit.</summary>
    FedBack,

    /// <summary>重新办理: the revisit found it poorly handled; re-handled with no extension.</summary>
    Rehandling,

    /// <summary>长期跟踪: a policy proposal or system change parked until conditions allow.</summary>
    Parked,

    /// <summary>转行政复议: left this flow for the administrative-reconsideration procedure.</summary>
    Reconsideration,

    /// <summary>已合并: a duplicate merged into another open request.</summary>
    Merged,

    /// <summary>已办结归档 (对账销号): closed and archived.</summary>
    Closed,
}

/// <summary>
/// The allowed status moves. Example: a request answered on the spot goes Registered → Closed; a poorly
/// rated one goes FedBack → Rehandling → Handled → FedBack → Closed.
/// </summary>
public static class RequestLifeCycle
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Moves = new()
    {
        [RequestStatus.Registered] = [RequestStatus.Transferred, RequestStatus.Closed, RequestStatus.Reconsideration, RequestStatus.Merged],
        [RequestStatus.Transferred] = [RequestStatus.Dispatched, RequestStatus.Parked, RequestStatus.Reconsideration, RequestStatus.Merged],
        [RequestStatus.Dispatched] = [RequestStatus.Dispatched, RequestStatus.Escalated, RequestStatus.Handled, RequestStatus.Parked, RequestStatus.Reconsideration, RequestStatus.Merged],
        [RequestStatus.Escalated] = [RequestStatus.Dispatched, RequestStatus.Handled, RequestStatus.Parked],
        [RequestStatus.Handled] = [RequestStatus.FedBack],
        [RequestStatus.FedBack] = [RequestStatus.Closed, RequestStatus.Rehandling],
        [RequestStatus.Rehandling] = [RequestStatus.Handled],
        // A parked item is closed only after its result has been fed back, like any other.
        [RequestStatus.Parked] = [RequestStatus.Dispatched, RequestStatus.Handled],
        [RequestStatus.Reconsideration] = [RequestStatus.Closed],
        [RequestStatus.Merged] = [],
        [RequestStatus.Closed] = [],
    };

    public static bool CanMove(RequestStatus from, RequestStatus to) => Moves[from].Contains(to);

    public static IReadOnlyList<RequestStatus> NextFrom(RequestStatus from) => Moves[from];

    /// <summary>Closed and Merged requests take no further step.</summary>
    public static bool IsFinal(this RequestStatus status) => Moves[status].Length == 0;

    /// <summary>Chinese label for the UI and ledgers, e.g. <c>FedBack</c> → 已反馈.</summary>
    public static string ChineseName(this RequestStatus status) => status switch
    {
        RequestStatus.Registered => "已登记",
        RequestStatus.Transferred => "已转交",
        RequestStatus.Dispatched => "办理中",
        RequestStatus.Escalated => "联席会议研究",
        RequestStatus.Handled => "已办结待反馈",
        RequestStatus.FedBack => "已反馈待回访",
        RequestStatus.Rehandling => "重新办理",
        RequestStatus.Parked => "长期跟踪",
        RequestStatus.Reconsideration => "转行政复议",
        RequestStatus.Merged => "已合并",
        RequestStatus.Closed => "已归档",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
