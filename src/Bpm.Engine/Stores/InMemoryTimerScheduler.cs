namespace Bpm.Engine.Stores;

/// <summary>Only remembers timers; a host (or a test) asks for the due ones and resumes them.</summary>
public sealed class InMemoryTimerScheduler : ITimerScheduler
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ScheduledTimer> timers = [];

    public IReadOnlyList<ScheduledTimer> Scheduled
    {
        get
        {
            lock (gate)
            {
                return timers.Values.OrderBy(t => t.ResumeAt).ToList();
            }
        }
    }

    public IReadOnlyList<ScheduledTimer> DueAt(DateTimeOffset now) => Scheduled.Where(t => t.ResumeAt <= now).ToList();

    public Task ScheduleAsync(string bookmarkId, string workflowInstanceId, DateTimeOffset resumeAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            timers[bookmarkId] = new ScheduledTimer(bookmarkId, workflowInstanceId, resumeAt);
        }

        return Task.CompletedTask;
    }

    public Task CancelAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            timers.Remove(bookmarkId);
        }

        return Task.CompletedTask;
    }
}
