using Bpm.Engine.Model;

namespace Bpm.Engine.Stores;

/// <summary>How a definition list is sorted: Elsa's <c>OrderBy</c> values.</summary>
public enum WorkflowDefinitionOrder
{
    Name,
    Created,
    Version,
}

/// <summary>
/// Which definition versions to list and which page of them: every criterion left null matches all; a
/// <see cref="SearchTerm"/> matches the name, the definition id or the version id by substring (case-insensitive
/// for Latin letters). Example: <c>new WorkflowDefinitionQuery { Versions = VersionOptions.Latest, Skip = 0, Take = 10 }</c>
/// is the first page of Studio's definition list.
/// </summary>
public sealed record WorkflowDefinitionQuery
{
    public VersionOptions Versions { get; init; } = VersionOptions.AllVersions;
    public IReadOnlyCollection<string>? DefinitionIds { get; init; }

    /// <summary>Version ids, e.g. the <c>definitionVersionId</c>s of listed instances.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    public string? SearchTerm { get; init; }
    public WorkflowDefinitionOrder OrderBy { get; init; } = WorkflowDefinitionOrder.Name;
    public bool Descending { get; init; }
    public int Skip { get; init; }

    /// <summary>At most this many items; null = all.</summary>
    public int? Take { get; init; }
}

/// <summary>One page of versions and how many match in all.</summary>
public sealed record WorkflowDefinitionPage(IReadOnlyList<WorkflowDefinition> Items, int TotalCount);
