using System.Text;
using System.Text.Json.Nodes;
using Bpm.Application;
using Bpm.Engine.Metadata;
using Bpm.Engine.Stores;
using Bpm.Server.Elsa.Definitions;

namespace Bpm.Server.Elsa.Descriptors;

/// <summary>
/// The descriptor routes Studio's designer loads (contract §2.2, §4): activities (from the engine's registry, cached),
/// an input's dropdown options, expression types, variable types, storage drivers, the strategy lists, installed
/// features (none: in particular not Elsa.RealTimeWorkflowUpdates, so Studio polls instead of opening SignalR), the
/// package version and the JavaScript typings.
/// </summary>
public static class DescriptorEndpoints
{
    /// <summary>The Elsa version whose contract Bpm serves (Studio 3.8.2's).</summary>
    public const string ElsaPackageVersion = "3.8.2";

    public static RouteGroupBuilder MapDescriptorEndpoints(this RouteGroupBuilder elsa)
    {
        var descriptors = elsa.MapGroup("/descriptors");
        descriptors.MapGet("/activities", (ActivityDescriptorsAnswer answer) => answer.Answer());
        descriptors.MapPost("/activities/{typeName}/options/{propertyName}", InputOptions);
        descriptors.MapGet("/expression-descriptors", () => ElsaJson.Ok(new ElsaList<ExpressionDescriptor>(DescriptorLists.Expressions)));
        descriptors.MapGet("/variables", () => ElsaJson.Ok(new ElsaList<VariableTypeDescriptor>(DescriptorLists.VariableTypes)));
        descriptors.MapGet("/storage-drivers", () => ElsaJson.Ok(new ElsaList<StorageDriverDescriptor>(DescriptorLists.StorageDrivers)));
        descriptors.MapGet("/workflow-activation-strategies", () => ElsaJson.Ok(new ElsaList<StrategyDescriptor>(DescriptorLists.ActivationStrategies)));
        descriptors.MapGet("/incident-strategies", () => ElsaJson.Ok(new ElsaList<StrategyDescriptor>(DescriptorLists.IncidentStrategies)));
        descriptors.MapGet("/log-persistence-strategies", () => ElsaJson.Ok(new ElsaList<StrategyDescriptor>(DescriptorLists.LogPersistenceStrategies)));
        descriptors.MapGet("/commit-strategies/workflows", () => ElsaJson.Ok(new ElsaList<CommitStrategyDescriptor>(DescriptorLists.CommitStrategies)));
        descriptors.MapGet("/commit-strategies/activities", () => ElsaJson.Ok(new ElsaList<CommitStrategyDescriptor>(DescriptorLists.CommitStrategies)));
        elsa.MapGet("/features/installed", () => ElsaJson.Ok(new ElsaList<object>([])));
        elsa.MapGet("/package/version", () => ElsaJson.Ok(new { packageVersion = ElsaPackageVersion }));
        elsa.MapPost("/scripting/javascript/type-definitions/{definitionId}", TypeDefinitionsAsync);
        return elsa;
    }

    /// <summary>
    /// <c>{"items": &lt;the input's uiSpecifications&gt;}</c>, e.g. a dropdown's items. Bpm's options do not depend on
    /// other inputs, so the posted context is not needed; an input without options answers <c>{"items": {}}</c>.
    /// </summary>
    private static IResult InputOptions(string typeName, string propertyName, ActivityRegistry registry)
    {
        var input = registry.FindLatest(typeName)?.Inputs.FirstOrDefault(i => string.Equals(i.Name, propertyName, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"活动“{typeName}”没有输入“{propertyName}” (no such activity input)");
        return ElsaJson.Ok(new { items = input.UISpecifications?.DeepClone() ?? new JsonObject() });
    }

    private static async Task<IResult> TypeDefinitionsAsync(string definitionId, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        var definition = await WorkflowDefinitionEndpoints.FindAsync(store, definitionId, null, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(JavaScriptTypeDefinitions.For(definition)), "application/x-typescript", $"elsa.{definitionId}.d.ts");
    }
}
