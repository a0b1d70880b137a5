using System.CommandLine;
using Bpm.Application.Workflows;
using Bpm.Engine.Model;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Commands;

/// <summary>
/// <c>bpm workflows validate [--folder workflows]</c>: every file parses and compiles (exit 1 otherwise);
/// <c>bpm workflows import [--folder] [--only id]</c>: each file becomes the new published version in the database;
/// <c>bpm workflows export [--folder]</c>: the database's published (else latest) versions back to files.
/// </summary>
internal static class WorkflowCommands
{
    public static Command Create(CliConsole console) => new("workflows", "Workflow definitions in workflows/ (Elsa-3 JSON)")
    {
        Validate(console),
        Import(console),
        Export(console),
    };

    private static Option<string> FolderOption() => new("--folder") { Description = "Folder of *.json definitions (default: workflows/ beside the settings file)" };

    private static Command Validate(CliConsole console)
    {
        var folder = FolderOption();
        var command = new Command("validate", "Check that every definition file parses and compiles") { folder };
        command.SetAction(async (result, _) =>
        {
            await using var services = CliDatabase.OpenServices();
            var files = services.GetRequiredService<WorkflowCatalog>().Read(Folder(result.GetValue(folder)));
            foreach (var file in files)
            {
                await console.Output.WriteLineAsync(file.Errors.Count == 0
                    ? $"ok     {Path.GetFileName(file.Path)}  ({file.Definition!.Name})"
                    : $"error  {Path.GetFileName(file.Path)}: {string.Join("; ", file.Errors)}");
            }

            await console.Output.WriteLineAsync($"{files.Count(f => f.Errors.Count == 0)} valid, {files.Count(f => f.Errors.Count > 0)} invalid");
            return files.Any(f => f.Errors.Count > 0) ? CliApp.Failed : CliApp.Ok;
        });
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var folder = FolderOption();
        var only = new Option<string?>("--only") { Description = "Import just this definition id, e.g. policy" };
        var command = new Command("import", "Publish each file as the new version in the database") { folder, only };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = CliDatabase.OpenServices();
            await using var scope = services.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<WorkflowCatalog>();
            var files = catalog.Read(Folder(result.GetValue(folder)))
                .Where(f => result.GetValue(only) is not { } id || f.Definition?.DefinitionId == id).ToList();
            if (files.Count == 0)
            {
                throw new CliArgumentException($"no definition file matches{(result.GetValue(only) is { } id ? $" --only {id}" : "")}");
            }

            if (files.FirstOrDefault(f => f.Errors.Count > 0) is { } invalid)
            {
                await console.Error.WriteLineAsync($"error: {Path.GetFileName(invalid.Path)}: {string.Join("; ", invalid.Errors)} — nothing imported");
                return CliApp.Failed;
            }

            foreach (var file in files)
            {
                var version = await catalog.ImportAsNewVersionAsync(file.Definition!, cancellationToken);
                await console.Output.WriteLineAsync($"{file.Definition!.DefinitionId}: published as version {version}");
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var folder = FolderOption();
        var command = new Command("export", "Write the published (else latest) version of every definition to the folder") { folder };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = CliDatabase.OpenServices();
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
            var target = Folder(result.GetValue(folder));
            Directory.CreateDirectory(target);
            foreach (var latest in await store.ListLatestAsync(cancellationToken))
            {
                var definition = await store.FindPublishedAsync(latest.DefinitionId, cancellationToken) ?? latest;
                var path = Path.Combine(target, definition.DefinitionId + ".json");
                await File.WriteAllTextAsync(path, WorkflowDefinitionJson.Write(definition) + Environment.NewLine, cancellationToken);
                await console.Output.WriteLineAsync($"{definition.DefinitionId} v{definition.Version} → {path}");
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static string Folder(string? given) => Path.GetFullPath(given ?? Path.Combine(CliDatabase.SettingsFolder, "workflows"));
}
