namespace Bpm.Domain.Requests;

/// <summary>
/// The six request types of the rapid-response mechanism; each runs its own workflow definition.
/// Stored by name (e.g. "LegalRemedy"), so never renumber or rename a member.
/// </summary>
public enum RequestType
{
    /// <summary>政策落实类 — a tax policy is not reaching the taxpayer as intended.</summary>
    Policy,

    /// <summary>执法规范类 — complaints about enforcement conduct.</summary>
    Enforcement,

    /// <summary>纳税服务类 — service quality, attitude, waiting times.</summary>
    Service,

    /// <summary>信息化建设类 — e-tax bureau and other IT systems.</summary>
    InformationTechnology,

    /// <summary>法律救济类 — legal remedies; reconsideration requests leave for their own procedure.</summary>
    LegalRemedy,

    /// <summary>其他 — anything else.</summary>
    Other,
}

public static class RequestTypeNames
{
    /// <summary>The Chinese name used in the UI and ledgers, e.g. <c>Policy</c> → 政策落实类.</summary>
    public static string ChineseName(this RequestType type) => type switch
    {
        RequestType.Policy => "政策落实类",
        RequestType.Enforcement => "执法规范类",
        RequestType.Service => "纳税服务类",
        RequestType.InformationTechnology => "信息化建设类",
        RequestType.LegalRemedy => "法律救济类",
        RequestType.Other => "其他类",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The workflow definition id that handles the type, e.g. <c>LegalRemedy</c> → <c>legal-remedy</c>.</summary>
    public static string WorkflowDefinitionId(this RequestType type) => type switch
    {
        RequestType.Policy => "policy",
        RequestType.Enforcement => "enforcement",
        RequestType.Service => "service",
        RequestType.InformationTechnology => "it",
        RequestType.LegalRemedy => "legal-remedy",
        RequestType.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
