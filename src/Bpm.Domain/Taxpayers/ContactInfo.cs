using System.Text.RegularExpressions;

namespace Bpm.Domain.Taxpayers;

/// <summary>
/// The taxpayer's effective contact (有效联系方式): a mainland mobile (13812345678), a landline with area
/// code (0728-3312345, 010 12345678) or an e-mail address. Stored normalised: digits and one hyphen for
/// phones, lower-case domain for e-mail.
/// </summary>
public sealed partial record ContactInfo
{
    private ContactInfo(ContactKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public ContactKind Kind { get; }

    public string Value { get; }

    public static bool TryParse(string? text, out ContactInfo? contact, out string? reason)
    {
        contact = null;
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            reason = "联系方式不能为空 (a phone number or e-mail address is required)";
            return false;
        }

        if (value.Any(char.IsControl))
        {
            reason = "联系方式含有控制字符 (control characters are not allowed)";
            return false;
        }

        if (value.Length > 254)
        {
            reason = "联系方式过长 (at most 254 characters)";
            return false;
        }

        if (value.Contains('@'))
        {
            if (!EmailPattern().IsMatch(value))
            {
                reason = "电子邮箱格式不正确 (not a valid e-mail address)";
                return false;
            }

            var at = value.LastIndexOf('@');
            contact = new ContactInfo(ContactKind.Email, value[..at] + value[at..].ToLowerInvariant());
            reason = null;
            return true;
        }

        var compact = value.Replace(" ", "").Replace("-", "");
        if (compact.StartsWith("+86", StringComparison.Ordinal))
        {
            compact = compact[3..];
        }

        if (MobilePattern().IsMatch(compact))
        {
            contact = new ContactInfo(ContactKind.Mobile, compact);
        }
        else if (LandlinePattern().Match(compact) is { Success: true } landline)
        {
            contact = new ContactInfo(ContactKind.Landline, $"{landline.Groups["area"].Value}-{landline.Groups["number"].Value}");
        }
        else
        {
            reason = "电话号码格式不正确 (expected a mobile such as 13812345678 or a landline such as 0728-3312345)";
            return false;
        }

        reason = null;
        return true;
    }

    public static ContactInfo Parse(string text) =>
        TryParse(text, out var contact, out var reason) ? contact! : throw new DomainException("taxpayer.contact", reason!, "contact");

    public override string ToString() => Value;

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePattern();

    // Area codes are 010, 02x (3 digits) or 0xxx (4 digits); local numbers have 7 or 8 digits.
    [GeneratedRegex(@"^(?<area>010|02\d|0[3-9]\d{2})(?<number>\d{7,8})$")]
    private static partial Regex LandlinePattern();
}

public enum ContactKind
{
    Mobile,
    Landline,
    Email,
}
