using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bpm.Persistence.Configurations;

/// <summary>
/// A list of short strings kept as one JSON text column, e.g. outcomes <c>["Resolved","Extend","Object"]</c>:
/// read and written whole, never queried into. The comparer compares by content, so adding an outcome to the
/// list marks the column modified and copying a snapshot does not share the list.
/// </summary>
internal static class JsonStringList
{
    private static readonly ValueConverter<List<string>, string> converter = new(
        list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
        json => JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null) ?? new List<string>());

    private static readonly ValueComparer<List<string>> comparer = new(
        (a, b) => ReferenceEquals(a, b) || (a != null && b != null && a.SequenceEqual(b)),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public static PropertyBuilder<List<string>> AsJsonText(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(converter, comparer).IsRequired();
}
