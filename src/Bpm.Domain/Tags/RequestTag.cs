namespace Bpm.Domain.Tags;

/// <summary>
/// One tag on one request, e.g. 发票 on XT-2026-000123. <see cref="FromVocabulary"/> tells a name of the bureau's
/// vocabulary (a shared word for statistics) from a free one a handler typed.
/// </summary>
public sealed class RequestTag
{
    private RequestTag()
    {
    }

    public RequestTag(Guid requestId, string name, bool fromVocabulary)
    {
        RequestId = requestId;
        Name = name;
        FromVocabulary = fromVocabulary;
    }

    public Guid RequestId { get; private set; }

    public string Name { get; private set; } = "";

    public bool FromVocabulary { get; private set; }
}

/// <summary>
/// One name of a bureau's tag vocabulary, in the bureau's order. A bureau without a vocabulary of its own uses the
/// nearest ancestor's: 集宁区 sets none, so its handlers pick from Ulanqab's.
/// </summary>
public sealed class BureauTag
{
    private BureauTag()
    {
    }

    public BureauTag(Guid bureauId, string name, int order)
    {
        BureauId = bureauId;
        Name = name;
        Order = order;
    }

    public Guid BureauId { get; private set; }

    public string Name { get; private set; } = "";

    public int Order { get; private set; }
}
