using System.Text.Json;
using Bpm.Domain;

namespace Bpm.Server.Elsa.Instances;

/// <summary>Reads a JSON body the way Studio writes it (camelCase, explicit nulls); an empty body is null, unreadable JSON a 400.</summary>
internal static class ElsaBody
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Body.CanSeek && request.Headers.ContentType.Count == 0))
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ElsaJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new DomainValidationException([new FieldError(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), $"无法读取的 JSON (unreadable JSON): {e.Message}")]);
        }
    }
}
