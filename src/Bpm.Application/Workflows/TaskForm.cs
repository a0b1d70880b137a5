using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Domain;

namespace Bpm.Application.Workflows;

/// <summary>
/// The fields a person fills in when completing a task, declared in the workflow as JSON, e.g.
/// <c>[{"name":"answer","label":"答复内容","type":"multiline","required":true,"outcomes":["AnsweredOnTheSpot"]}]</c>:
/// the answer is required only when that outcome is chosen. Types: text, multiline, number, date, unit, units,
/// choice (with <c>options</c>).
/// </summary>
public sealed record TaskFormField(string Name, string Label, string Type, bool Required, IReadOnlyList<string> Outcomes, IReadOnlyList<string> Options)
{
    public bool AppliesTo(string outcome) => Outcomes.Count == 0 || Outcomes.Contains(outcome, StringComparer.Ordinal);
}

public static class TaskForm
{
    public const int MaxTextLength = 10_000;
    private static readonly string[] Types = ["text", "multiline", "number", "date", "unit", "units", "choice"];

    public static IReadOnlyList<TaskFormField> Parse(JsonNode? form)
    {
        if (form is null)
        {
            return [];
        }

        if (form is not JsonArray fields)
        {
            throw new InvalidOperationException("A task form must be a JSON array of fields.");
        }

        return [.. fields.Select(Field)];
    }

    /// <summary>
    /// Checks the data given with an outcome: required fields present, values of the right type, units known.
    /// Returns every problem, keyed "data.&lt;field&gt;".
    /// </summary>
    public static IReadOnlyList<FieldError> Check(IReadOnlyList<TaskFormField> fields, string outcome, JsonObject? data, Func<Guid, bool> unitExists)
    {
        var errors = new List<FieldError>();
        foreach (var field in fields.Where(f => f.AppliesTo(outcome)))
        {
            var value = data?[field.Name];
            var key = $"data.{field.Name}";
            if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
            {
                if (field.Required)
                {
                    errors.Add(new FieldError(key, $"请填写“{field.Label}”"));
                }

                continue;
            }

            if (Problem(field, value, unitExists) is { } problem)
            {
                errors.Add(new FieldError(key, problem));
            }
        }

        return errors;
    }

    private static string? Problem(TaskFormField field, JsonNode value, Func<Guid, bool> unitExists) => field.Type switch
    {
        "text" or "multiline" => value.GetValueKind() != JsonValueKind.String ? $"“{field.Label}”应为文本"
            : value.GetValue<string>().Length > MaxTextLength ? $"“{field.Label}”不能超过{MaxTextLength}个字符" : null,
        "number" => value.GetValueKind() != JsonValueKind.Number ? $"“{field.Label}”应为数字" : null,
        "date" => value.GetValueKind() == JsonValueKind.String && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null : $"“{field.Label}”应为日期 (yyyy-MM-dd)",
        "unit" => IsKnownUnit(value, unitExists) ? null : $"“{field.Label}”不是已知的单位",
        "units" => value is JsonArray units && units.All(u => u is not null && IsKnownUnit(u, unitExists)) ? null : $"“{field.Label}”应为已知单位的列表",
        "choice" => value.GetValueKind() == JsonValueKind.String && field.Options.Contains(value.GetValue<string>(), StringComparer.Ordinal)
            ? null : $"“{field.Label}”应为以下之一：{string.Join("、", field.Options)}",
        _ => null,
    };

    private static bool IsKnownUnit(JsonNode value, Func<Guid, bool> unitExists) =>
        value.GetValueKind() == JsonValueKind.String && Guid.TryParse(value.GetValue<string>(), out var id) && unitExists(id);

    private static TaskFormField Field(JsonNode? node)
    {
        var name = node?["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidOperationException("Every task form field needs a name.");
        }

        var type = node!["type"]?.GetValue<string>() ?? "text";
        if (!Types.Contains(type))
        {
            throw new InvalidOperationException($"Task form field '{name}' has unknown type '{type}' (allowed: {string.Join(", ", Types)}).");
        }

        return new TaskFormField(
            name,
            node["label"]?.GetValue<string>() ?? name,
            type,
            node["required"]?.GetValue<bool>() ?? false,
            Strings(node["outcomes"]),
            Strings(node["options"]));
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(x => x?.GetValue<string>() ?? "")] : [];
}
