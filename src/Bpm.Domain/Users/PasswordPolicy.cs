namespace Bpm.Domain.Users;

/// <summary>
/// Password complexity (等保2.0 身份鉴别): at least 8 characters, at least three of the four classes (capital letters, small
/// letters, digits, other characters), and not containing the user name (any case).
/// Examples for user xt.zhang: "Bpm@2026demo" passes; "bpm2026demo" has only two classes; "Xt.Zhang2026!" contains the user name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;

    /// <summary>Null when the password is acceptable, else the Chinese reason.</summary>
    public static string? Problem(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return $"密码至少{MinLength}个字符";
        }

        var classes = (password.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
            + (password.Any(char.IsAsciiDigit) ? 1 : 0) + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
        {
            return "密码须包含大写字母、小写字母、数字、其他字符中的至少三类";
        }

        return !string.IsNullOrWhiteSpace(userName) && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase)
            ? "密码不能包含用户名"
            : null;
    }
}
