using System.Globalization;
using System.Text.Json;
using Bpm.Domain;
using Bpm.Domain.Calendar;

namespace Bpm.Application.Administration;

/// <summary>
/// Reads a notice in the holiday-cn format (reference/holidays/schema.json): <c>{"year": 2027, "papers": ["https://www.gov.cn/…"],
/// "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}</c>. Other members (<c>$schema</c>, <c>$id</c>) are
/// ignored. Every malformed member is reported at once, named by its path (<c>days[2].date</c>).
/// </summary>
public static class HolidayNoticeDocument
{
    /// <exception cref="DomainValidationException">a required member is missing or of the wrong type, or a date is not yyyy-MM-dd.</exception>
    public static HolidayNotice Read(JsonElement document)
    {
        var errors = new List<FieldError>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new DomainValidationException([new FieldError("body", "应为一个JSON对象：{\"year\": 2027, \"papers\": [...], \"days\": [...]}")]);
        }

        var year = 0;
        if (!document.TryGetProperty("year", out var yearElement) || yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out year))
        {
            errors.Add(new FieldError("year", "缺少通知年度（year，整数，例如2027）"));
        }

        var papers = new List<string>();
        if (!document.TryGetProperty("papers", out var papersElement) || papersElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("papers", "缺少国务院通知网址列表（papers，字符串数组）"));
        }
        else
        {
            var i = 0;
            foreach (var paper in papersElement.EnumerateArray())
            {
                if (paper.ValueKind == JsonValueKind.String)
                {
                    papers.Add(paper.GetString()!);
                }
                else
                {
                    errors.Add(new FieldError($"papers[{i}]", "网址应为字符串"));
                }

                i++;
            }
        }

        var days = new List<CalendarDay>();
        if (!document.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("days", "缺少日期列表（days，数组）"));
        }
        else
        {
            var i = 0;
            foreach (var day in daysElement.EnumerateArray())
            {
                if (ReadDay(day, $"days[{i}]", errors) is { } read)
                {
                    days.Add(read);
                }

                i++;
            }
        }

        return errors.Count > 0 ? throw new DomainValidationException(errors) : new HolidayNotice(year, papers, days);
    }

    private static CalendarDay? ReadDay(JsonElement day, string path, List<FieldError> errors)
    {
        if (day.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "应为对象：{\"name\": \"春节\", \"date\": \"2027-02-06\", \"isOffDay\": true}"));
            return null;
        }

        var before = errors.Count;
        var name = day.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (name is null)
        {
            errors.Add(new FieldError($"{path}.name", "缺少节日名称（name，字符串）"));
        }

        var date = default(DateOnly);
        if (!day.TryGetProperty("date", out var d) || d.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add(new FieldError($"{path}.date", "日期应为 yyyy-MM-dd 格式的有效日期，例如 2027-02-06"));
        }

        bool? isOffDay = day.TryGetProperty("isOffDay", out var o) && o.ValueKind is JsonValueKind.True or JsonValueKind.False ? o.GetBoolean() : null;
        if (isOffDay is null)
        {
            errors.Add(new FieldError($"{path}.isOffDay", "缺少是否休息（isOffDay，true 或 false）"));
        }

        return errors.Count > before ? null : new CalendarDay(date, !isOffDay!.Value, name!);
    }
}
