using System.Dynamic;
using System.Globalization;
using Jint;
using Jint.Parser;

namespace Bpm.Engine.Expressions;

/// <summary>
/// Elsa's "JavaScript" expressions on Jint 2.10.4, so ES5.1 only (no arrow functions, no let/const); simple
/// template literals are rewritten to concatenation first (see <see cref="TemplateLiterals"/>).
/// The script's last value is the result: <c>getVariable('Counter') &lt; 3</c>. Available: getVariable(name),
/// setVariable(name, value), getInput(name), every variable as a global (<c>Counter &lt; 3</c>) and as
/// <c>variables.Counter</c>, and Elsa's generated accessors: per variable <c>getCounter()</c> / <c>setCounter(v)</c>
/// (name with its first letter upper-cased), per workflow input <c>getAmount()</c> (null when not given).
/// </summary>
public static class JavaScriptEvaluator
{
    /// <summary>Scripts that run longer are stopped, so a bad loop cannot hang the runner.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static object? Evaluate(string script, IExpressionScope scope) => Evaluate(script, scope, new Dictionary<string, Delegate>());

    /// <summary>As <see cref="Evaluate(string, IExpressionScope)"/>, with extra host functions, e.g. RunJavaScript's setOutcome.</summary>
    public static object? Evaluate(string script, IExpressionScope scope, IReadOnlyDictionary<string, Delegate> functions)
    {
        var engine = new Jint.Engine(options => options.TimeoutInterval(Timeout).LimitRecursion(256).Culture(CultureInfo.InvariantCulture));
        var variables = new ExpandoObject();
        var variableMap = (IDictionary<string, object?>)variables;
        foreach (var name in scope.VariableNames)
        {
            var value = ValueConverter.ToPlain(scope.GetVariable(name));
            variableMap[name] = value;
            if (IsIdentifier(name))
            {
                engine.SetValue(name, value!);
            }
        }

        engine.SetValue("variables", variables);
        engine.SetValue("getVariable", new Func<string, object?>(name => ValueConverter.ToPlain(scope.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, object?>(scope.SetVariable));
        engine.SetValue("getInput", new Func<string, object?>(name => ValueConverter.ToPlain(scope.GetInput(name))));
        // getVariable/setVariable/getInput stay the built-ins even with a variable or input named "Variable" or "Input".
        foreach (var name in scope.InputNames.Where(n => IsIdentifier(n) && n != "Input" && n != "Variable"))
        {
            engine.SetValue("get" + name, new Func<object?>(() => ValueConverter.ToPlain(scope.GetInput(name))));
        }

        foreach (var name in scope.VariableNames.Where(n => IsIdentifier(n) && !n.Equals("Input", StringComparison.OrdinalIgnoreCase) && !n.Equals("Variable", StringComparison.OrdinalIgnoreCase)))
        {
            var pascal = char.ToUpperInvariant(name[0]) + name[1..];
            engine.SetValue("get" + pascal, new Func<object?>(() => ValueConverter.ToPlain(scope.GetVariable(name))));
            engine.SetValue("set" + pascal, new Action<object?>(value => scope.SetVariable(name, value)));
        }

        foreach (var (name, function) in functions)
        {
            engine.SetValue(name, function);
        }

        var result = engine.Execute(Runnable(script)).GetCompletionValue();
        return result.ToObject();
    }

    /// <summary>Null when the script parses; otherwise why not, e.g. "Line 1: Unexpected token >".</summary>
    public static string? SyntaxError(string script)
    {
        script = TemplateLiterals.Rewrite(script);
        var error = ParseError(script);
        return error is not null && ParseError(WrapInFunction(script)) is null ? null : error;
    }

    /// <summary>
    /// Elsa accepts a top-level return (<c>return getVariable('Amount') &gt; 10;</c>); ES5.1 does not, so such a
    /// script runs as the body of a function that is called at once.
    /// </summary>
    private static string Runnable(string source)
    {
        var script = TemplateLiterals.Rewrite(source);
        return ParseError(script) is not null && ParseError(WrapInFunction(script)) is null ? WrapInFunction(script) : script;
    }

    private static string WrapInFunction(string script) => "(function () {\n" + script + "\n})()";

    private static string? ParseError(string script)
    {
        try
        {
            new JavaScriptParser().Parse(script);
            return null;
        }
        catch (ParserException e)
        {
            return e.Message;
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
