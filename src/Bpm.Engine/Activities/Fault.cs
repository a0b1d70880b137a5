using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Faults the workflow on purpose: an incident is recorded (message = Message, else "Fault 0 (General, System)")
/// and, unless the definition continues on incidents, the instance ends Faulted. Unset inputs take Elsa's
/// defaults: Code "0", Category "General", Type "System".
/// </summary>
[Activity("Elsa", "Fault", Category = "Primitives", Description = "Faults the workflow.", IsTerminal = true)]
public sealed class Fault : Activity
{
    [Input(Description = "Code to categorize the fault.", Order = 0)]
    public string? Code { get; set; }

    [Input(Description = "Category to categorize the fault. Examples: HTTP, Alteration, Azure, etc.", Order = 1)]
    public string? Category { get; set; }

    [Input(DisplayName = "Type", Description = "The type of fault. Examples: System, Business, Integration, etc.", Order = 2)]
    public string? FaultType { get; set; }

    [Input(Description = "The message to include with the fault.", Order = 3)]
    public string? Message { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var code = string.IsNullOrEmpty(Code) ? "0" : Code;
        var category = string.IsNullOrEmpty(Category) ? "General" : Category;
        var type = string.IsNullOrEmpty(FaultType) ? "System" : FaultType;
        throw new FaultException(code, category, type, string.IsNullOrEmpty(Message) ? $"Fault {code} ({category}, {type})" : Message);
    }
}
