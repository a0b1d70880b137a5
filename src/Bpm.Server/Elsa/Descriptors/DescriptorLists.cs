namespace Bpm.Server.Elsa.Descriptors;

/// <summary>Elsa's <c>ExpressionDescriptor</c>; <see cref="Properties"/> keys stay as written (<c>MonacoLanguage</c>).</summary>
public sealed record ExpressionDescriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, IReadOnlyDictionary<string, string> Properties);

/// <summary>A variable type for Studio's variable and input dialogs, e.g. <c>{"typeName":"String","category":"Primitives"}</c>.</summary>
public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string? Description);

public sealed record StorageDriverDescriptor(string TypeName, string DisplayName, int Priority, bool Deprecated);

/// <summary>An activation, incident or log-persistence strategy; <see cref="TypeName"/> is stored verbatim in the definition's options.</summary>
public sealed record StrategyDescriptor(string TypeName, string DisplayName, string Description);

public sealed record CommitStrategyDescriptor(string Name, string DisplayName, string Description);

/// <summary>
/// The small descriptor lists Studio's editor loads (contract §2.2), saying only what Bpm's engine honours: expressions
/// it evaluates (JavaScript runs on Jint), the types its variables hold, one storage (the instance's state), the Fault and
/// ContinueWithIncidents incident strategies (read from <c>options.incidentStrategyType</c>). No commit strategies: an
/// instance is committed whenever it waits, with the request's other changes, in one transaction.
/// </summary>
public static class DescriptorLists
{
    public const string WorkflowInstanceStorage = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core";

    private static readonly Dictionary<string, string> NoProperties = [];

    /// <summary>At least one type outside Literal/Object/Variable/Input is required, or Studio's expression editor fails (contract §2.2).</summary>
    public static readonly IReadOnlyList<ExpressionDescriptor> Expressions =
    [
        new("Literal", "Literal", IsSerializable: true, IsBrowsable: false, NoProperties),
        new("Object", "Object", IsSerializable: true, IsBrowsable: false, new Dictionary<string, string> { ["MonacoLanguage"] = "json" }),
        new("Delegate", "Delegate", IsSerializable: false, IsBrowsable: false, NoProperties),
        new("Variable", "Variable", IsSerializable: true, IsBrowsable: true, NoProperties),
        new("Input", "Input", IsSerializable: true, IsBrowsable: true, NoProperties),
        new("JavaScript", "JavaScript", IsSerializable: true, IsBrowsable: true, new Dictionary<string, string> { ["MonacoLanguage"] = "javascript" }),
    ];

    public static readonly IReadOnlyList<VariableTypeDescriptor> VariableTypes =
    [
        new("String", "String", "Primitives", "文本 (text)"),
        new("Boolean", "Boolean", "Primitives", "是/否 (true or false)"),
        new("Int32", "Int32", "Primitives", "整数 (whole number)"),
        new("Int64", "Int64", "Primitives", "长整数 (large whole number)"),
        new("Double", "Double", "Primitives", "小数 (number)"),
        new("Decimal", "Decimal", "Primitives", "精确小数 (exact decimal)"),
        new("DateTimeOffset", "DateTimeOffset", "Primitives", "时刻 (instant)"),
        new("TimeSpan", "TimeSpan", "Primitives", "时长 (duration)"),
        new("Guid", "Guid", "Primitives", "编号 (GUID)"),
        new("String[]", "String[]", "Lists", "文本列表 (list of text)"),
        new("Object", "Object", "Dynamic", "任意 JSON 值 (any JSON value)"),
        new("ObjectMap", "ObjectMap", "Dynamic", "键值对象 (JSON object)"),
    ];

    public static readonly IReadOnlyList<StorageDriverDescriptor> StorageDrivers =
    [
        new(WorkflowInstanceStorage, "Workflow Instance", Priority: 0, Deprecated: false),
    ];

    public static readonly IReadOnlyList<StrategyDescriptor> ActivationStrategies =
    [
        new("Elsa.Workflows.Runtime.ActivationStrategies.AllowAlwaysStrategy, Elsa.Workflows.Runtime", "Always", "每次登记诉求都新建流程实例 (always allow new instances)"),
    ];

    public static readonly IReadOnlyList<StrategyDescriptor> IncidentStrategies =
    [
        new("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault", "活动出错时流程进入故障状态 (an incident faults the workflow)"),
        new("Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core", "Continue with incidents", "记录事故后继续执行其他路径 (record the incident and keep running)"),
    ];

    public static readonly IReadOnlyList<StrategyDescriptor> LogPersistenceStrategies =
    [
        new("Elsa.Workflows.LogPersistence.Strategies.Include, Elsa.Workflows.Core", "Include", "记录活动的输入输出 (keep activity inputs and outputs in the journal)"),
    ];

    public static readonly IReadOnlyList<CommitStrategyDescriptor> CommitStrategies = [];
}
