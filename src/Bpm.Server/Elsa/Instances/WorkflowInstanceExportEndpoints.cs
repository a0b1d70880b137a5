using System.IO.Compression;
using System.Text.Json;
using Bpm.Application;

namespace Bpm.Server.Elsa.Instances;

/// <summary>
/// Export, read-only: <c>GET|POST /workflow-instances/{id}/export</c> downloads <c>workflow-instance-{id}.json</c>, Elsa's
/// <c>{"workflowState", "bookmarks", "activityExecutionRecords", "workflowExecutionLogRecords"}</c>;
/// <c>POST /bulk-actions/export/workflow-instances</c> <c>{"ids": [...]}</c> one such file, or a <c>workflow-instances.zip</c> of
/// several. Instances the user may not see are 404 (one) or left out (bulk; none left → 204).
/// </summary>
internal static class WorkflowInstanceExportEndpoints
{
    public static RouteGroupBuilder MapElsaInstanceExportEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapMethods("/workflow-instances/{id}/export", ["GET", "POST"], ExportOneAsync);
        elsa.MapMethods("/bulk-actions/export/workflow-instances", ["GET", "POST"], ExportManyAsync);
        return elsa;
    }

    private static async Task<IResult> ExportOneAsync(string id, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var (name, json) = await ExportAsync(id, reader, cancellationToken);
        return TypedResults.File(json, "application/json", name);
    }

    private static async Task<IResult> ExportManyAsync(HttpRequest request, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var body = await ElsaBody.ReadAsync<ExportQuery>(request, cancellationToken);
        var ids = (body?.Ids ?? [.. request.Query["ids"].Where(i => !string.IsNullOrEmpty(i)).Select(i => i!)]).Distinct(StringComparer.Ordinal).ToList();
        var files = new List<(string Name, byte[] Json)>();
        foreach (var id in ids)
        {
            try
            {
                files.Add(await ExportAsync(id, reader, cancellationToken));
            }
            catch (NotFoundException)
            {
                // Not the user's to see: left out, as if it did not exist.
            }
        }

        if (files.Count == 0)
        {
            return TypedResults.NoContent();
        }

        if (files.Count == 1)
        {
            return TypedResults.File(files[0].Json, "application/json", files[0].Name);
        }

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, json) in files)
            {
                await using var entry = await archive.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
                await entry.WriteAsync(json, cancellationToken);
            }
        }

        return TypedResults.File(zip.ToArray(), "application/zip", "workflow-instances.zip");
    }

    private static async Task<(string Name, byte[] Json)> ExportAsync(string id, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var instance = await reader.InstanceAsync(id, cancellationToken);
        var history = await reader.HistoryAsync(id, cancellationToken);
        var model = ElsaInstanceModel.From(instance);
        var export = new ElsaExportedInstance(model.WorkflowState, model.WorkflowState.Bookmarks, history.Executions(), history.LogRecords());
        return ($"workflow-instance-{id.ToLowerInvariant()}.json", JsonSerializer.SerializeToUtf8Bytes(export, ElsaJson.Options));
    }

    private sealed class ExportQuery
    {
        public List<string>? Ids { get; set; }
    }
}

/// <summary>Elsa's <c>ExportedWorkflowState</c>.</summary>
public sealed record ElsaExportedInstance(
    ElsaWorkflowState WorkflowState,
    IReadOnlyList<ElsaBookmark> Bookmarks,
    IReadOnlyList<ElsaActivityExecutionRecord> ActivityExecutionRecords,
    IReadOnlyList<ElsaExecutionLogRecord> WorkflowExecutionLogRecords);
