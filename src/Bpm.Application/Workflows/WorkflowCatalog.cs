using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Application.Workflows;

/// <summary>
/// The workflow files in <c>workflows/</c> (one Elsa-3 JSON definition per file, file name = definitionId) and
/// their import into the definition store. At start-up a definition the store does not know yet is imported as
/// version 1, published; one the store knows is left alone, because process owners edit it in the designer.
/// </summary>
public sealed class WorkflowCatalog(IWorkflowDefinitionStore store, WorkflowGraphCompiler compiler)
{
    public sealed record WorkflowFile(string Path, WorkflowDefinition? Definition, IReadOnlyList<string> Errors);

    /// <summary>Reads and validates every *.json file of the folder: parse errors, graph errors, file name ≠ definitionId.</summary>
    public IReadOnlyList<WorkflowFile> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The workflows folder does not exist: {Path.GetFullPath(folder)}");
        }

        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(ReadFile)];
    }

    public WorkflowFile ReadFile(string path)
    {
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowDefinitionJson.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return new WorkflowFile(path, null, [$"not a workflow definition: {e.Message}"]);
        }

        var errors = compiler.Compile(definition).Errors.Select(e => e.ToString()).ToList();
        var expected = System.IO.Path.GetFileNameWithoutExtension(path);
        if (definition.DefinitionId != expected)
        {
            errors.Add($"definitionId '{definition.DefinitionId}' differs from the file name '{expected}'");
        }

        return new WorkflowFile(path, definition, errors);
    }

    /// <summary>Imports the valid definitions the store has no version of; returns their ids. Invalid files are refused whole.</summary>
    public async Task<IReadOnlyList<string>> ImportMissingAsync(string folder, CancellationToken cancellationToken)
    {
        var files = Read(folder);
        var invalid = files.Where(f => f.Errors.Count > 0).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException(
                "Invalid workflow files: " + string.Join(" | ", invalid.Select(f => $"{System.IO.Path.GetFileName(f.Path)}: {string.Join("; ", f.Errors)}")));
        }

        var imported = new List<string>();
        foreach (var definition in files.Select(f => f.Definition!))
        {
            if ((await store.ListVersionsAsync(definition.DefinitionId, cancellationToken)).Count > 0)
            {
                continue;
            }

            await store.SaveAsync([AsFirstPublishedVersion(definition)], cancellationToken);
            imported.Add(definition.DefinitionId);
        }

        return imported;
    }

    /// <summary>Imports a definition as a new published version (CLI `workflows import`), replacing the published one.</summary>
    public async Task<int> ImportAsNewVersionAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definition.DefinitionId, cancellationToken);
        foreach (var version in versions.Where(v => v.IsLatest || v.IsPublished))
        {
            version.IsLatest = false;
            version.IsPublished = false;
        }

        var next = AsFirstPublishedVersion(definition);
        next.Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
        next.Id = Guid.NewGuid().ToString("N")[..16];
        await store.SaveAsync([.. versions, next], cancellationToken);
        return next.Version;
    }

    private static WorkflowDefinition AsFirstPublishedVersion(WorkflowDefinition definition)
    {
        var copy = definition.Clone();
        copy.Version = 1;
        copy.IsLatest = true;
        copy.IsPublished = true;
        if (string.IsNullOrEmpty(copy.Id))
        {
            copy.Id = Guid.NewGuid().ToString("N")[..16];
        }

        return copy;
    }
}

/// <summary>The <c>Workflows</c> section: where the definition files are (relative to the settings file's folder).</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    public string Folder { get; set; } = "workflows";

    /// <summary>Import definitions the database does not have yet when the server starts (default on).</summary>
    public bool ImportOnStartup { get; set; } = true;
}
