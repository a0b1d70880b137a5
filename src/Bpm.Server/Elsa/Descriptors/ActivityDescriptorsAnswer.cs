using System.Text.Json;
using Bpm.Engine.Metadata;

namespace Bpm.Server.Elsa.Descriptors;

/// <summary>
/// The body of <c>GET /descriptors/activities</c>, serialized once: the registry does not change while the server runs,
/// and Studio asks for it after every save (auto-save: every edit), so each call is a copy of cached bytes.
/// Sorted by category, type name and version; (typeName, version) is unique because the registry is keyed by it.
/// </summary>
public sealed class ActivityDescriptorsAnswer(ActivityRegistry registry)
{
    private readonly Lazy<byte[]> utf8 = new(() => JsonSerializer.SerializeToUtf8Bytes(
        new ElsaList<ActivityDescriptor>([.. registry.Descriptors.OrderBy(d => d.Category, StringComparer.Ordinal)
            .ThenBy(d => d.TypeName, StringComparer.Ordinal).ThenBy(d => d.Version)]),
        ElsaJson.Options));

    public IResult Answer() => TypedResults.Bytes(utf8.Value, "application/json");
}
