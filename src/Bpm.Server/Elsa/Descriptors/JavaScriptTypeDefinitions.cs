using System.Text;
using Bpm.Engine.Model;

namespace Bpm.Server.Elsa.Descriptors;

/// <summary>
/// The TypeScript declarations Studio's Monaco editor uses for JavaScript inputs: the functions Bpm's Jint evaluator
/// defines (getVariable/setVariable/getInput, and per variable <c>getX()</c>/<c>setX(v)</c>), e.g. for a Boolean
/// variable "approved": <c>declare function getApproved(): boolean;</c>.
/// </summary>
public static class JavaScriptTypeDefinitions
{
    public static string For(WorkflowDefinition definition)
    {
        var text = new StringBuilder()
            .AppendLine("// Bpm workflow scripting (JavaScript, evaluated by Jint)")
            .AppendLine("declare const variables: { [name: string]: any };")
            .AppendLine("declare function getVariable(name: string): any;")
            .AppendLine("declare function setVariable(name: string, value: any): void;")
            .AppendLine("declare function getInput(name: string): any;");
        foreach (var variable in definition.Variables.Where(v => IsIdentifier(v.Name)))
        {
            var pascal = char.ToUpperInvariant(variable.Name[0]) + variable.Name[1..];
            var type = TypeScriptType(variable.TypeName, variable.IsArray);
            text.AppendLine($"declare function get{pascal}(): {type};")
                .AppendLine($"declare function set{pascal}(value: {type}): void;");
        }

        return text.ToString();
    }

    private static string TypeScriptType(string? alias, bool isArray)
    {
        var type = alias switch
        {
            "String" or "Guid" => "string",
            "Boolean" => "boolean",
            "Int32" or "Int64" or "Double" or "Decimal" or "Single" => "number",
            "String[]" => "string[]",
            _ => "any",
        };
        return isArray ? type + "[]" : type;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
