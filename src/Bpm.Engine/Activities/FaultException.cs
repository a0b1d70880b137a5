namespace Bpm.Engine.Activities;

/// <summary>
/// A fault raised on purpose by a workflow (Elsa.Fault): it becomes an incident like any exception, and
/// keeps Elsa's classification, e.g. Code "110002", Category "Tax", FaultType "Business".
/// </summary>
public sealed class FaultException(string code, string category, string faultType, string message) : Exception(message)
{
    public string Code { get; } = code;
    public string Category { get; } = category;
    public string FaultType { get; } = faultType;
}
