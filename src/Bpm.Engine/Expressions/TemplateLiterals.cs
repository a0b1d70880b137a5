using System.Text;

namespace Bpm.Engine.Expressions;

/// <summary>
/// Rewrites ES2015 template literals, which Jint 2.10.4 (ES5.1) cannot parse, into string concatenation:
/// <c>`Child received: ${getMessage()}`</c> → <c>("Child received: " + (getMessage()) + "")</c>.
/// Handles plain backtick strings with <c>${expression}</c> parts, over several lines too; quotes, comments and
/// braces inside the script and inside the <c>${…}</c> parts are respected.
/// Not handled — the script is then returned unchanged, so the parser reports it: a template literal inside a
/// <c>${…}</c> part (nested backticks), a tagged template (<c>tag`x`</c>), an unterminated literal. A backtick or
/// quote inside a regular expression literal (<c>/`/</c>) is not recognised as such and may confuse the rewrite.
/// </summary>
public static class TemplateLiterals
{
    private static readonly HashSet<string> KeywordsBeforeExpression =
        ["return", "typeof", "case", "in", "of", "void", "throw", "new", "delete", "instanceof", "yield", "else", "do", "await"];

    /// <summary>The script with its template literals rewritten; unchanged when it has none or one is not supported.</summary>
    public static string Rewrite(string script)
    {
        if (!script.Contains('`', StringComparison.Ordinal))
        {
            return script;
        }

        var output = new StringBuilder(script.Length + 16);
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c is '"' or '\'')
            {
                var end = SkipQuoted(script, i);
                output.Append(script, i, end - i);
                i = end;
            }
            else if (c == '/' && i + 1 < script.Length && script[i + 1] is '/' or '*')
            {
                var end = SkipComment(script, i);
                output.Append(script, i, end - i);
                i = end;
            }
            else if (c == '`')
            {
                if (IsTagged(script, i) || ReadTemplate(script, i) is not { } template)
                {
                    return script;
                }

                output.Append(template.Code);
                i = template.End;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    /// <summary>Reads <c>`…`</c> starting at <paramref name="start"/>; null when not supported.</summary>
    private static (string Code, int End)? ReadTemplate(string script, int start)
    {
        var parts = new List<string>();
        var chunk = new StringBuilder();
        var i = start + 1;
        while (i < script.Length)
        {
            var c = script[i];
            switch (c)
            {
                case '`':
                    parts.Add(Quote(chunk));
                    return ("(" + string.Join(" + ", parts) + ")", i + 1);
                case '\\' when i + 1 < script.Length:
                    // Escapes mean the same in a double-quoted ES5 string: \n, \u0041, \` → `, \$ → $.
                    chunk.Append(c).Append(script[i + 1]);
                    i += 2;
                    break;
                case '$' when i + 1 < script.Length && script[i + 1] == '{':
                    if (ReadSubstitution(script, i + 2) is not { } substitution)
                    {
                        return null;
                    }

                    parts.Add(Quote(chunk));
                    chunk.Clear();
                    parts.Add("(" + substitution.Expression + ")");
                    i = substitution.End;
                    break;
                case '"':
                    chunk.Append("\\\"");
                    i++;
                    break;
                case '\r':
                    chunk.Append("\\n");
                    i += i + 1 < script.Length && script[i + 1] == '\n' ? 2 : 1;
                    break;
                case '\n':
                    chunk.Append("\\n");
                    i++;
                    break;
                case '\u2028' or '\u2029':
                    chunk.Append(c == '\u2028' ? "\\u2028" : "\\u2029");
                    i++;
                    break;
                default:
                    chunk.Append(c);
                    i++;
                    break;
            }
        }

        return null;
    }

    /// <summary>Reads the expression of a <c>${…}</c> part up to its closing brace; null on nested backticks or no end.</summary>
    private static (string Expression, int End)? ReadSubstitution(string script, int start)
    {
        var depth = 0;
        var i = start;
        while (i < script.Length)
        {
            var c = script[i];
            switch (c)
            {
                case '`':
                    return null;
                case '"' or '\'':
                    i = SkipQuoted(script, i);
                    continue;
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    var expression = script[start..i];
                    return string.IsNullOrWhiteSpace(expression) ? null : (expression, i + 1);
                case '}':
                    depth--;
                    break;
            }

            i++;
        }

        return null;
    }

    /// <summary>The index just after the quoted string starting at <paramref name="start"/> (or the end of the script).</summary>
    private static int SkipQuoted(string script, int start)
    {
        var quote = script[start];
        var i = start + 1;
        while (i < script.Length && script[i] != quote && script[i] != '\n')
        {
            i += script[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, script.Length);
    }

    private static int SkipComment(string script, int start)
    {
        if (script[start + 1] == '/')
        {
            var newline = script.IndexOf('\n', start);
            return newline < 0 ? script.Length : newline;
        }

        var close = script.IndexOf("*/", start + 2, StringComparison.Ordinal);
        return close < 0 ? script.Length : close + 2;
    }

    /// <summary>
    /// A backtick right after a value (<c>tag`x`</c>, <c>f()`x`</c>) starts a tagged template; after an operator
    /// or a keyword such as <c>return</c> it is a plain literal.
    /// </summary>
    private static bool IsTagged(string script, int backtick)
    {
        var i = backtick - 1;
        while (i >= 0 && char.IsWhiteSpace(script[i]))
        {
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        if (script[i] is ')' or ']')
        {
            return true;
        }

        if (!IsIdentifierPart(script[i]))
        {
            return false;
        }

        var end = i + 1;
        while (i >= 0 && IsIdentifierPart(script[i]))
        {
            i--;
        }

        return !KeywordsBeforeExpression.Contains(script[(i + 1)..end]);
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static string Quote(StringBuilder chunk) => "\"" + chunk + "\"";
}
