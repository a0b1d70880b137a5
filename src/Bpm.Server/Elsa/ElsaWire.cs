using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bpm.Server.Elsa;

/// <summary>
/// JSON as Studio's client reads it: camelCase names matched case-sensitively, enums as strings (numbers
/// accepted on input), ISO-8601 instants. Use <see cref="Ok{T}"/> for every /elsa/api answer so the
/// /api conventions (integer enums refused) never leak in.
/// </summary>
public static class ElsaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Options);
}

/// <summary>Elsa's <c>Link</c>: <c>{"href": "/workflow-definitions/def-1/publish", "rel": "publish", "method": "POST"}</c>.</summary>
public sealed record ElsaLink(string Href, string Rel, string Method);

/// <summary>Elsa's <c>PagedListResponse&lt;T&gt;</c>: items never null; links only where Studio reads them (bulk-publish).</summary>
public sealed record ElsaPagedList<T>(IReadOnlyList<T> Items, long TotalCount, IReadOnlyList<ElsaLink> Links)
{
    public ElsaPagedList(IReadOnlyList<T> items, long totalCount) : this(items, totalCount, []) { }
}

/// <summary>Elsa's <c>ListResponse&lt;T&gt;</c>: <c>{"items": [...], "count": n}</c>.</summary>
public sealed record ElsaList<T>(IReadOnlyList<T> Items)
{
    public int Count => Items.Count;
}
