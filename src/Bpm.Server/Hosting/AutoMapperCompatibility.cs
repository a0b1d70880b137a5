using System.Reflection;
using AutoMapper.Configuration;

namespace Bpm.Server.Hosting;

/// <summary>
/// AutoMapper 8.0.0 (the only AutoMapper our registry has that needs no licence key) fails on .NET 7+ while
/// building any map whose types implement a generic interface (every record does: IEquatable&lt;T&gt;):
/// <c>ArgumentException: GenericArguments[0], 'BureauRefDto', on 'MaxInteger[T]' violates the constraint of type 'T'</c>.
/// Cause: its root configuration collects the extension methods of System.Linq.Enumerable for flattening
/// (<c>Items.Count()</c> → <c>ItemsCount</c>) with a search that also picks up *private* helpers, which .NET 7
/// added with generic constraints (MaxInteger&lt;T&gt; where T : IBinaryInteger&lt;T&gt;), and then instantiates them
/// blindly. Upstream fixed it in AutoMapper 12 (issue AutoMapper#3988, pull request #3999). Here the private
/// methods, which AutoMapper never meant to use, and any constrained generic one are removed from the list
/// before the configuration is sealed; the public, unconstrained ones stay, so flattening works as documented.
/// </summary>
internal static class AutoMapperCompatibility
{
    public static MapperConfigurationExpression WithUsableSourceExtensionMethods(this MapperConfigurationExpression expression)
    {
        var field = typeof(AutoMapper.Profile).GetField("_sourceExtensionMethods", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("AutoMapper's Profile._sourceExtensionMethods is gone: this workaround is for AutoMapper 8.0.0 only; remove it after an upgrade");
        var methods = (List<MethodInfo>)field.GetValue(expression)!;
        methods.RemoveAll(method => !method.IsPublic || HasGenericConstraints(method));
        return expression;
    }

    private static bool HasGenericConstraints(MethodInfo method) =>
        method.IsGenericMethodDefinition && method.GetGenericArguments().Any(argument =>
            argument.GetGenericParameterConstraints().Length > 0 || argument.GenericParameterAttributes != GenericParameterAttributes.None);
}
