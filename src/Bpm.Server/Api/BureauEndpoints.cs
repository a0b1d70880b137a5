using AutoMapper;
using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/bureaus</c>: the part of the bureau tree the user may see (their bureau and below), each bureau
/// with its units and its effective settings, marked as its own or inherited. Example for a Ulanqab user:
/// ulanqab (Handling 10 WD, own) → jining (Handling 10 WD, inherited from ulanqab).
/// </summary>
public static class BureauEndpoints
{
    public static RouteGroupBuilder MapBureauEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/bureaus").WithTags("Bureaus").MapGet("/", GetTreeAsync).WithName("GetBureauTree");
        return api;
    }

    /// <summary>A list with one root: the user's bureau (a stale token whose bureau is gone gets an empty list).</summary>
    public static async Task<Ok<IReadOnlyList<BureauNodeDto>>> GetTreeAsync(
        ICurrentUser user, IBureauStore bureaus, IMapper mapper, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        if (!tree.Contains(user.BureauId))
        {
            return TypedResults.Ok<IReadOnlyList<BureauNodeDto>>([]);
        }

        var units = new Dictionary<Guid, IReadOnlyList<Unit>>();
        foreach (var bureau in tree.Subtree(user.BureauId))
        {
            units[bureau.Id] = await bureaus.ListUnitsAsync(bureau.Id, cancellationToken);
        }

        return TypedResults.Ok<IReadOnlyList<BureauNodeDto>>([Node(tree, tree[user.BureauId], units, mapper)]);
    }

    private static BureauNodeDto Node(BureauTree tree, Bureau bureau, IReadOnlyDictionary<Guid, IReadOnlyList<Unit>> units, IMapper mapper)
    {
        var node = mapper.Map<BureauNodeDto>(bureau);
        node.Units = mapper.Map<List<UnitDto>>(units[bureau.Id]);

        var categories = tree.CategoriesOf(bureau.Id);
        node.Categories = mapper.Map<CategorySetDto>(new EffectiveCategories(
            categories.Value, categories.FromBureauId is { } from && from != bureau.Id, CodeOf(tree, categories.FromBureauId)));

        node.Sla = [.. Enum.GetValues<RequestType>().Select(type => new SlaPolicyDto
        {
            Type = type,
            TypeName = type.ChineseName(),
            Steps = [.. tree.SlaPolicyOf(bureau.Id, type).OrderBy(p => p.Key).Select(p => mapper.Map<SlaLineDto>(
                new EffectiveSlaLine(p.Key, p.Value.Value, !p.Value.IsOwnOf(bureau.Id), CodeOf(tree, p.Value.FromBureauId) ?? "")))],
        })];

        node.Children = [.. tree.ChildrenOf(bureau.Id).OrderBy(b => b.Code, StringComparer.Ordinal).Select(child => Node(tree, child, units, mapper))];
        return node;
    }

    private static string? CodeOf(BureauTree tree, Guid? bureauId) => bureauId is { } id ? tree[id].Code : null;
}
