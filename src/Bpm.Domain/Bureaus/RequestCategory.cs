using Bpm.Domain.Requests;

namespace Bpm.Domain.Bureaus;

/// <summary>
/// One entry of a bureau's category taxonomy, mapped onto the workflow of one of the six request types.
/// Example: Ulanqab's 系统技术类 (code XTJS) → <see cref="RequestType.InformationTechnology"/>.
/// A bureau without a taxonomy of its own uses its nearest ancestor's.
/// </summary>
public sealed class RequestCategory
{
    private RequestCategory()
    {
    }

    public RequestCategory(Guid bureauId, string code, string name, RequestType type, int order)
    {
        RequiredText.Check(code, 32, "category.code", "分类代码", "code");
        RequiredText.Check(name, 50, "category.name", "分类名称", "name");
        BureauId = bureauId;
        Code = code;
        Name = name;
        Type = type;
        Order = order;
    }

    public Guid BureauId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public RequestType Type { get; private set; }

    /// <summary>Position in pick lists and reports.</summary>
    public int Order { get; private set; }
}
