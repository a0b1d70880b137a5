namespace Bpm.Engine.Runtime;

/// <summary>Running (executing or waiting on bookmarks) or Finished (for good; contract §5.1).</summary>
public enum WorkflowStatus
{
    Running,
    Finished,
}

/// <summary>Executing/Suspended belong to Running; Finished/Cancelled/Faulted to Finished.</summary>
public enum WorkflowSubStatus
{
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
}

/// <summary>Status of one activity execution in the journal.</summary>
public enum ActivityStatus
{
    Completed,
    Suspended,
    Faulted,
    Cancelled,
}
