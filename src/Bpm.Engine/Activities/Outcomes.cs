namespace Bpm.Engine.Activities;

/// <summary>Outcome (port) names used by the built-in activities.</summary>
public static class Outcomes
{
    public const string Done = "Done";
    public const string True = "True";
    public const string False = "False";
    public const string Default = "Default";
}
