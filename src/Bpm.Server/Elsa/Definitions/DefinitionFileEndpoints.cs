using System.IO.Compression;
using System.Text.Json.Nodes;
using Bpm.Application.Users;
using Bpm.Application.Workflows.Definitions;
using Bpm.Domain;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Elsa.Definitions;

/// <summary>
/// Definition files in Elsa's export format (contract §3.4): export one (a JSON download) or several (a zip), import
/// one as a JSON body or several as uploaded .json/.zip files. An import becomes the draft of its definition id.
/// </summary>
public static class DefinitionFileEndpoints
{
    public const string ZipFileName = "workflow-definitions.zip";

    /// <summary>A definition file in an uploaded zip unpacks to at most this (a 10,000-activity definition is about 2 MB).</summary>
    public const long MaxEntryBytes = 10 * 1024 * 1024;

    /// <summary>Studio's bulk export body: version ids.</summary>
    public sealed record BulkExportRequest(string[]? Ids, bool? IncludeConsumingWorkflows);

    public static RouteGroupBuilder MapDefinitionFileEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/workflow-definitions/{definitionId}/export", ExportAsync);
        elsa.MapPost("/bulk-actions/export/workflow-definitions", ExportManyAsync);
        elsa.MapPost("/workflow-definitions/import", ImportAsync);
        elsa.MapPost("/workflow-definitions/import-files", ImportFilesAsync);
        return elsa;
    }

    private static async Task<IResult> ExportAsync(string definitionId, string? versionOptions, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        var definition = await WorkflowDefinitionEndpoints.FindAsync(store, definitionId, versionOptions, cancellationToken);
        return TypedResults.File(WorkflowDefinitionWire.ToExportFile(definition), "application/json", WorkflowDefinitionWire.ExportFileName(definition));
    }

    /// <summary>The versions with these ids as one zip of export files, sorted by definition id; none found → 204 (as Elsa).</summary>
    private static async Task<IResult> ExportManyAsync(BulkExportRequest request, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        if (request.Ids is not { Length: > 0 })
        {
            return TypedResults.NoContent();
        }

        var page = await store.QueryAsync(new WorkflowDefinitionQuery { Ids = request.Ids, OrderBy = WorkflowDefinitionOrder.Version }, cancellationToken);
        if (page.Items.Count == 0)
        {
            return TypedResults.NoContent();
        }

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var definition in page.Items.OrderBy(d => d.DefinitionId, StringComparer.Ordinal))
            {
                var entry = archive.CreateEntry(WorkflowDefinitionWire.ExportFileName(definition), CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(WorkflowDefinitionWire.ToExportFile(definition), cancellationToken);
            }
        }

        return TypedResults.File(zip.ToArray(), "application/zip", ZipFileName);
    }

    /// <summary>Elsa's import: the body is a definition file; it becomes the draft of its definition id (201 when new).</summary>
    private static async Task<IResult> ImportAsync(
        [FromBody] JsonObject? model, WorkflowDefinitionEditing editing, IIdGenerator ids, ICurrentUser user, CancellationToken cancellationToken)
    {
        var imported = WorkflowDefinitionWire.FromModel(model, "body", ids);
        var (saved, isNew) = await editing.ImportAsync(user, imported, cancellationToken);
        var body = WorkflowDefinitionWire.ToModel(saved, canEdit: true);
        return isNew
            ? TypedResults.Json(body, ElsaJson.Options, statusCode: StatusCodes.Status201Created)
            : ElsaJson.Ok(body);
    }

    /// <summary>
    /// Studio's "Import" button: multipart field <c>files</c>, each a .json definition or a .zip of them →
    /// <c>{"count": n}</c>. A file that is not a definition refuses the whole upload, naming the file.
    /// </summary>
    private static async Task<IResult> ImportFilesAsync(
        HttpRequest request, WorkflowDefinitionEditing editing, IIdGenerator ids, ICurrentUser user, CancellationToken cancellationToken)
    {
        WorkflowDefinitionEditing.EnsureEditor(user);
        if (!request.HasFormContentType)
        {
            throw new DomainValidationException([new FieldError("files", "应以 multipart/form-data 上传文件 (upload the files as multipart/form-data)")]);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var definitions = new List<WorkflowDefinition>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            if (file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                // The upload's own stream cannot seek before its start, which ZipArchive does on a file shorter than a zip's
                // trailer: read it from memory (the upload is at most Limits:MaxLargeBodyBytes). Not a zip → InvalidDataException → 400.
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                buffer.Position = 0;
                await using var archive = new ZipArchive(buffer, ZipArchiveMode.Read);
                foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                {
                    if (entry.Length > MaxEntryBytes)
                    {
                        throw new DomainValidationException([new FieldError($"{file.FileName}/{entry.FullName}", $"解压后超过 {MaxEntryBytes / 1024 / 1024} MB (larger than {MaxEntryBytes / 1024 / 1024} MB unpacked)")]);
                    }

                    await using var entryStream = await entry.OpenAsync(cancellationToken);
                    definitions.Add(await ReadAsync(entryStream, $"{file.FileName}/{entry.FullName}", ids, cancellationToken));
                }
            }
            else
            {
                definitions.Add(await ReadAsync(stream, file.FileName, ids, cancellationToken));
            }
        }

        return ElsaJson.Ok(new { count = await editing.ImportManyAsync(user, definitions, cancellationToken) });
    }

    private static async Task<WorkflowDefinition> ReadAsync(Stream stream, string name, IIdGenerator ids, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(stream, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: cancellationToken);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new DomainValidationException([new FieldError(name, $"不是 JSON 文件 (not JSON: {e.Message})")]);
        }

        return WorkflowDefinitionWire.FromModel(node, name, ids);
    }
}
