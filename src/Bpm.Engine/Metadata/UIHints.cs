namespace Bpm.Engine.Metadata;

/// <summary>The uiHint values Elsa Studio 3.8.2 has editors for (contract §4.2).</summary>
public static class UIHints
{
    public const string SingleLine = "singleline";
    public const string MultiLine = "multiline";
    public const string Checkbox = "checkbox";
    public const string CheckList = "checklist";
    public const string Dropdown = "dropdown";
    public const string RadioList = "radiolist";
    public const string CodeEditor = "code-editor";
    public const string JsonEditor = "json-editor";
    public const string MultiText = "multitext";
    public const string Dictionary = "dictionary";
    public const string DateTimePicker = "datetime-picker";

    /// <summary>The input holds a string array whose entries become output ports (FlowFork branches).</summary>
    public const string DynamicOutcomes = "dynamic-outcomes";

    public const string VariablePicker = "variable-picker";

    /// <summary>Picks one or more of the workflow's declared outcomes (Elsa.Complete).</summary>
    public const string OutcomePicker = "outcome-picker";

    /// <summary>Picks one of the workflow's declared outputs (Elsa.SetOutput).</summary>
    public const string OutputPicker = "output-picker";
    public const string FlowSwitchEditor = "flow-switch-editor";
    public const string SwitchEditor = "switch-editor";
}
