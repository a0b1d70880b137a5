using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;

namespace Bpm.Server.Api;

/// <summary>A bureau of <c>GET /api/bureaus</c> with its units, effective settings and sub-bureaus.</summary>
public sealed record BureauNodeDto
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public Guid? ParentId { get; set; }

    public string NumberPrefix { get; set; } = "";

    public IReadOnlyList<UnitDto> Units { get; set; } = [];

    public CategorySetDto Categories { get; set; } = new();

    /// <summary>The effective SLA policy, one entry per request type.</summary>
    public IReadOnlyList<SlaPolicyDto> Sla { get; set; } = [];

    public IReadOnlyList<BureauNodeDto> Children { get; set; } = [];
}

public sealed record UnitDto
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public UnitKind Kind { get; set; }

    /// <summary>e.g. "TaxService, JointMeetingOffice"; "None" for an ordinary unit.</summary>
    public UnitDuties Duties { get; set; }
}

/// <summary>The taxonomy in force at a bureau: its own, or (inherited) that of <see cref="FromBureau"/>.</summary>
public sealed record CategorySetDto
{
    public bool Inherited { get; set; }

    /// <summary>Code of the bureau that defines the taxonomy, e.g. "ulanqab"; null if none does.</summary>
    public string? FromBureau { get; set; }

    public IReadOnlyList<CategoryDto> Items { get; set; } = [];
}

public sealed record CategoryDto
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The workflow type the category runs, e.g. 系统技术类 → InformationTechnology.</summary>
    public RequestType Type { get; set; }
}

/// <summary>One request type's effective SLA lines at a bureau.</summary>
public sealed record SlaPolicyDto
{
    public RequestType Type { get; set; }

    public string TypeName { get; set; } = "";

    public IReadOnlyList<SlaLineDto> Steps { get; set; } = [];
}

/// <summary>One step's working days, and whether the bureau sets it itself or inherits it.</summary>
public sealed record SlaLineDto
{
    public SlaStep Step { get; set; }

    public int WorkingDays { get; set; }

    public ExtensionCapBasis? CapBasis { get; set; }

    public bool Inherited { get; set; }

    /// <summary>Code of the bureau whose line is in force, e.g. "ulanqab" for 集宁区's Handling = 10.</summary>
    public string FromBureau { get; set; } = "";
}

/// <summary>Source of a <see cref="SlaLineDto"/>: a step's effective rule as seen from one bureau.</summary>
public sealed record EffectiveSlaLine(SlaStep Step, SlaRule Rule, bool Inherited, string FromBureau);

/// <summary>Source of a <see cref="CategorySetDto"/>.</summary>
public sealed record EffectiveCategories(IReadOnlyList<RequestCategory> Items, bool Inherited, string? FromBureau);
