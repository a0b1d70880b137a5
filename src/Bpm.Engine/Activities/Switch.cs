using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Elsa's Switch used inside a flowchart: behaves as <see cref="FlowSwitch"/> (case child activities are not supported).</summary>
[Activity("Elsa", "Switch", Category = "Branching", Description = "Evaluate a set of case conditions and follow the matching case.")]
[FlowPorts(Outcomes.Default)]
public sealed class Switch : FlowSwitch;
