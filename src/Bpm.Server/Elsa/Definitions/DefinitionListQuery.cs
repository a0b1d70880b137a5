using Bpm.Domain;
using Bpm.Engine.Stores;

namespace Bpm.Server.Elsa.Definitions;

/// <summary>
/// <c>GET /workflow-definitions</c>'s query as Studio's Refit client writes it (PascalCase keys, <c>True</c>/<c>False</c>,
/// repeated keys for lists; ASP.NET binds query keys case-insensitively), e.g.
/// <c>?versionOptions=Latest&amp;Page=0&amp;PageSize=10&amp;SearchTerm=&amp;IsSystem=False&amp;OrderDirection=Ascending</c>.
/// </summary>
public sealed record DefinitionListQuery(
    string? VersionOptions, int? Page, int? PageSize, string? SearchTerm, bool? IsSystem, string? OrderBy, string? OrderDirection,
    string[]? DefinitionIds, string[]? Ids, string? Label)
{
    public const int MaxPageSize = 1000;

    /// <summary>The store query; refused values name their key, e.g. <c>OrderBy=Size</c> → errors { "OrderBy": [...] }.</summary>
    /// <exception cref="DomainValidationException">an unknown versionOptions, OrderBy or OrderDirection, or a bad page.</exception>
    public WorkflowDefinitionQuery ToQuery()
    {
        var errors = new List<FieldError>();
        var versions = Bpm.Engine.Stores.VersionOptions.Parse(VersionOptions, Bpm.Engine.Stores.VersionOptions.AllVersions);
        if (versions is null)
        {
            errors.Add(new FieldError("versionOptions", "应为 Latest、Published、LatestOrPublished、LatestAndPublished、Draft、AllVersions 或版本号 (unknown version option)"));
        }

        var order = WorkflowDefinitionOrder.Name;
        if (!string.IsNullOrWhiteSpace(OrderBy) && !Enum.TryParse(OrderBy, ignoreCase: true, out order))
        {
            errors.Add(new FieldError("OrderBy", "应为 Created、Name 或 Version (one of Created, Name, Version)"));
        }

        var descending = false;
        if (!string.IsNullOrWhiteSpace(OrderDirection))
        {
            descending = OrderDirection.Equals("Descending", StringComparison.OrdinalIgnoreCase);
            if (!descending && !OrderDirection.Equals("Ascending", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError("OrderDirection", "应为 Ascending 或 Descending (Ascending or Descending)"));
            }
        }

        if (Page < 0)
        {
            errors.Add(new FieldError("Page", "页码从 0 开始 (0-based page, not negative)"));
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new FieldError("PageSize", $"每页 1 至 {MaxPageSize} 条 (1 to {MaxPageSize})"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        return new WorkflowDefinitionQuery
        {
            Versions = versions!,
            DefinitionIds = DefinitionIds is { Length: > 0 } ? DefinitionIds : null,
            Ids = Ids is { Length: > 0 } ? Ids : null,
            SearchTerm = string.IsNullOrWhiteSpace(SearchTerm) ? null : SearchTerm,
            OrderBy = order,
            Descending = descending,
            Skip = PageSize is { } size ? (Page ?? 0) * size : 0,
            Take = PageSize,
        };
    }

    /// <summary>
    /// Bpm has no system workflows and no labels, so <c>IsSystem=True</c> or any label matches nothing (Elsa's meaning
    /// of those filters).
    /// </summary>
    public bool MatchesNothing => IsSystem == true || !string.IsNullOrWhiteSpace(Label);
}
