namespace Bpm.Domain.Bureaus;

/// <summary>A unit of a bureau that receives, dispatches or handles requests, e.g. 纳税服务科 or 集宁区第一税务分局.</summary>
public sealed class Unit
{
    private Unit()
    {
    }

    public Unit(Guid id, Guid bureauId, string code, string name, UnitKind kind, UnitDuties duties = UnitDuties.None)
    {
        RequiredText.Check(code, 32, "unit.code", "单位代码", "code");
        RequiredText.Check(name, 100, "unit.name", "单位名称", "name");
        Id = id;
        BureauId = bureauId;
        Code = code;
        Name = name;
        Kind = kind;
        Duties = duties;
    }

    public Guid Id { get; private set; }

    public Guid BureauId { get; private set; }

    /// <summary>Unique within its bureau, e.g. <c>nsfwk</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public UnitKind Kind { get; private set; }

    public UnitDuties Duties { get; private set; }
}

/// <summary>科 / 股 / 分局（所） / 中心 / 办公室 / 局（稽查局）.</summary>
public enum UnitKind
{
    Section,
    SubSection,
    Branch,
    Center,
    Office,
    Inspection,
}

/// <summary>Roles a unit plays in the mechanism; the tax-service department dispatches, the joint-meeting office decides objections.</summary>
[Flags]
public enum UnitDuties
{
    None = 0,

    /// <summary>纳税服务部门: consolidates and dispatches requests, watches deadlines.</summary>
    TaxService = 1,

    /// <summary>联席会议办公室: decides objections, extensions beyond the usual and escalations.</summary>
    JointMeetingOffice = 2,
}
