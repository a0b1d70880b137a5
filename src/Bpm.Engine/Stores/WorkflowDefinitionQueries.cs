using Bpm.Engine.Model;

namespace Bpm.Engine.Stores;

/// <summary><see cref="WorkflowDefinitionQuery"/> applied to versions in memory (the in-memory store; SQL stores translate it).</summary>
public static class WorkflowDefinitionQueries
{
    public static bool Matches(WorkflowDefinitionQuery query, WorkflowDefinition definition) =>
        query.Versions.Matches(definition.Version, definition.IsLatest, definition.IsPublished)
        && (query.DefinitionIds is null || query.DefinitionIds.Contains(definition.DefinitionId))
        && (query.Ids is null || query.Ids.Contains(definition.Id))
        && (string.IsNullOrWhiteSpace(query.SearchTerm)
            || new[] { definition.Name, definition.DefinitionId, definition.Id }.Any(text =>
                text?.Contains(query.SearchTerm.Trim(), StringComparison.OrdinalIgnoreCase) == true));

    /// <summary>By the chosen key, then definition id and version, so pages are stable.</summary>
    public static IEnumerable<WorkflowDefinition> Sort(IEnumerable<WorkflowDefinition> definitions, WorkflowDefinitionQuery query)
    {
        var ordered = (query.OrderBy, query.Descending) switch
        {
            (WorkflowDefinitionOrder.Created, false) => definitions.OrderBy(d => d.CreatedAt),
            (WorkflowDefinitionOrder.Created, true) => definitions.OrderByDescending(d => d.CreatedAt),
            (WorkflowDefinitionOrder.Version, false) => definitions.OrderBy(d => d.Version),
            (WorkflowDefinitionOrder.Version, true) => definitions.OrderByDescending(d => d.Version),
            (_, false) => definitions.OrderBy(d => d.Name, StringComparer.Ordinal),
            (_, true) => definitions.OrderByDescending(d => d.Name, StringComparer.Ordinal),
        };
        return ordered.ThenBy(d => d.DefinitionId, StringComparer.Ordinal).ThenBy(d => d.Version);
    }
}
