using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Elsa's Fork used inside a flowchart with named branches: behaves as <see cref="FlowFork"/>.</summary>
[Activity("Elsa", "Fork", Category = "Branching", Description = "Branch execution into multiple branches.")]
public sealed class Fork : FlowFork;
