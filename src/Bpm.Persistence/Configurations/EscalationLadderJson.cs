using System.Text.Json;
using System.Text.Json.Serialization;
using Bpm.Domain.Sla;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bpm.Persistence.Configurations;

/// <summary>
/// An SLA line's escalation ladder kept as one JSON text column, read and written whole and never queried into, the
/// same text on every provider (TEXT, text, nvarchar(max)). Property names camelCase, enums by member name, e.g.
/// <c>{"warnBefore":{"amount":1,"unit":"WorkingDays"},"escalateAtDue":true,"remindEveryWorkingDays":1,"maxReminders":3,"jointMeetingAfterWorkingDays":null}</c>.
/// No ladder is SQL NULL, not the text "null". The ladder is a record, so the comparer compares by value: setting an
/// equal ladder changes nothing, setting another one marks the column modified.
/// </summary>
internal static class EscalationLadderJson
{
    private static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ValueConverter<EscalationLadder?, string> converter = new(
        ladder => Write(ladder),
        json => Read(json));

    private static readonly ValueComparer<EscalationLadder?> comparer = new(
        (a, b) => Equals(a, b),
        ladder => ladder == null ? 0 : ladder.GetHashCode(),
        ladder => ladder);

    public static PropertyBuilder<EscalationLadder?> AsJsonText(this PropertyBuilder<EscalationLadder?> property) =>
        property.HasConversion(converter, comparer).IsRequired(false);

    // EF passes no nulls to a converter: a null ladder is a NULL column without calling these.
    private static string Write(EscalationLadder? ladder) => JsonSerializer.Serialize(ladder, options);

    private static EscalationLadder? Read(string json) => JsonSerializer.Deserialize<EscalationLadder>(json, options);
}
