using Bpm.Engine.Expressions;

namespace Bpm.Engine.Tests;

public sealed class TemplateLiteralTests
{
    [Theory]
    [InlineData("`Child received: ${getMessage()}`", "(\"Child received: \" + (getMessage()) + \"\")")]
    [InlineData("`${a}${b}`", "(\"\" + (a) + \"\" + (b) + \"\")")]
    [InlineData("`plain`", "(\"plain\")")]
    [InlineData("return `Dear \"${name}\"`;", "return (\"Dear \\\"\" + (name) + \"\\\"\");")]
    [InlineData("`it's ${ {a: 1}.a } and ${f('}')}`", "(\"it's \" + ( {a: 1}.a ) + \" and \" + (f('}')) + \"\")")]
    [InlineData("`line1\nline2`", "(\"line1\\nline2\")")]
    [InlineData("`a \\` b \\${c}`", "(\"a \\` b \\${c}\")")]
    [InlineData("'`not a template`' + \"`nor this`\" // `nor this`", "'`not a template`' + \"`nor this`\" // `nor this`")]
    [InlineData("x = 1; /* `c` */ `v${x}`", "x = 1; /* `c` */ (\"v\" + (x) + \"\")")]
    public void Simple_template_literals_become_concatenation(string script, string expected) =>
        TemplateLiterals.Rewrite(script).ShouldBe(expected);

    [Theory]
    [InlineData("`outer ${`inner`}`")]
    [InlineData("tag`x${y}`")]
    [InlineData("f()`x`")]
    [InlineData("`unterminated ${x}")]
    [InlineData("`empty ${}`")]
    public void Unsupported_forms_are_left_unchanged_for_the_parser_to_report(string script) =>
        TemplateLiterals.Rewrite(script).ShouldBe(script);

    [Theory]
    [InlineData("`Total: ${1 + 2}`", "Total: 3")]
    [InlineData("`${1}${2}`", "12")]
    [InlineData("'a' + `b${'c'}d` + 'e'", "abcde")]
    [InlineData("`a \\` b \\${c} \\n`", "a ` b ${c} \n")]
    [InlineData("var n = 'R-1';\nreturn `Request ${n}\nreceived`;", "Request R-1\nreceived")]
    public void Rewritten_scripts_evaluate_as_in_ES2015(string script, string expected)
    {
        JavaScriptEvaluator.SyntaxError(script).ShouldBeNull();
        JavaScriptEvaluator.Evaluate(script, new EmptyScope()).ShouldBe(expected);
    }

    [Fact]
    public void A_nested_template_still_reports_a_syntax_error() =>
        JavaScriptEvaluator.SyntaxError("`outer ${`inner`}`").ShouldNotBeNull();

    private sealed class EmptyScope : IExpressionScope
    {
        public IReadOnlyCollection<string> VariableNames => [];
        public IReadOnlyCollection<string> InputNames => [];
        public System.Text.Json.Nodes.JsonNode? GetVariable(string nameOrId) => null;
        public void SetVariable(string nameOrId, object? value) { }
        public System.Text.Json.Nodes.JsonNode? GetInput(string name) => null;
    }
}
