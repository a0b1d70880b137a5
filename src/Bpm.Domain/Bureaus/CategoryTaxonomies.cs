using Bpm.Domain.Requests;

namespace Bpm.Domain.Bureaus;

/// <summary>One category before it is attached to a bureau.</summary>
public sealed record CategoryTemplate(string Code, string Name, RequestType Type);

/// <summary>
/// The taxonomies of the seed documents. The national one is the six types themselves [seeds/000 §三(一)];
/// Ulanqab's seven [seeds/004 §三(三)] map onto the six workflows.
/// </summary>
public static class CategoryTaxonomies
{
    public static IReadOnlyList<CategoryTemplate> National { get; } =
        Enum.GetValues<RequestType>().Select(t => new CategoryTemplate(t.WorkflowDefinitionId().ToUpperInvariant(), t.ChineseName(), t)).ToList();

    /// <summary>
    /// 政策业务类 → policy; 系统技术类 → IT; 征管流程类 (how collection is run) → enforcement conduct;
    /// 服务言行类 and 服务质效类 → service; 侵害权益类 (infringed rights) → legal remedy; 其他类 → other.
    /// </summary>
    public static IReadOnlyList<CategoryTemplate> Ulanqab { get; } =
    [
        new("ZCYW", "政策业务类", RequestType.Policy),
        new("XTJS", "系统技术类", RequestType.InformationTechnology),
        new("ZGLC", "征管流程类", RequestType.Enforcement),
        new("FWYX", "服务言行类", RequestType.Service),
        new("FWZX", "服务质效类", RequestType.Service),
        new("QHQY", "侵害权益类", RequestType.LegalRemedy),
        new("QT", "其他类", RequestType.Other),
    ];

    public static IEnumerable<RequestCategory> For(Guid bureauId, IEnumerable<CategoryTemplate> taxonomy) =>
        taxonomy.Select((c, i) => new RequestCategory(bureauId, c.Code, c.Name, c.Type, i + 1));
}
