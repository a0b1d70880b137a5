namespace Bpm.Domain.Tags;

/// <summary>
/// The rules every tag name follows, on requests and in a bureau's vocabulary: trimmed, 1–20 characters, no control
/// characters; the same name twice counts once. Example: ["  发票  ", "发票", "出口退税"] → ["发票", "出口退税"];
/// "电子\n税务局" → refused naming the field.
/// </summary>
public static class TagName
{
    public const int MaxLength = 20;

    /// <summary>A request carries at most this many tags, e.g. 发票, 出口退税, 小微企业 … (ten at most).</summary>
    public const int MaxPerRequest = 10;

    /// <summary>A bureau's vocabulary holds at most this many names.</summary>
    public const int MaxPerVocabulary = 200;

    /// <summary>The distinct trimmed names in their first order, or every reason they were refused (field <paramref name="field"/>).</summary>
    /// <exception cref="DomainValidationException">a name is blank, too long or holds a control character, or there are too many.</exception>
    public static IReadOnlyList<string> CheckAll(IEnumerable<string?>? names, int maxCount, string field)
    {
        var errors = new List<FieldError>();
        var distinct = new List<string>();
        foreach (var raw in names ?? [])
        {
            var name = raw?.Trim() ?? "";
            if (name.Length == 0)
            {
                errors.Add(new FieldError(field, "标签不能为空 (a tag is blank)"));
            }
            else if (name.Length > MaxLength)
            {
                errors.Add(new FieldError(field, $"标签“{name}”超过{MaxLength}个字符 (a tag has at most {MaxLength} characters)"));
            }
            else if (name.Any(char.IsControl))
            {
                errors.Add(new FieldError(field, $"标签“{Printable(name)}”含有控制字符 (control characters are not allowed)"));
            }
            else if (!distinct.Contains(name, StringComparer.Ordinal))
            {
                distinct.Add(name);
            }
        }

        if (distinct.Count > maxCount)
        {
            errors.Add(new FieldError(field, $"标签不能超过{maxCount}个（当前{distinct.Count}个）"));
        }

        return errors.Count == 0 ? distinct : throw new DomainValidationException(errors);
    }

    private static string Printable(string name) => new([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
}
