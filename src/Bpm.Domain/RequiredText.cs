namespace Bpm.Domain;

/// <summary>
/// The rule every short name and code shares: present, not blank, at most N characters.
/// Example: a unit name of 120 characters → DomainException("unit.name", "单位名称不能为空，且不超过100个字符", "name").
/// </summary>
public static class RequiredText
{
    public static string Check(string? value, int maxLength, string code, string label, string field) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength
            ? throw new DomainException(code, $"{label}不能为空，且不超过{maxLength}个字符", field)
            : value;
}
