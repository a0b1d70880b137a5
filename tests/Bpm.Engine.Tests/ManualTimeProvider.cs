namespace Bpm.Engine.Tests;

/// <summary>A clock the test moves by hand; starts at 2025-01-15 10:00 UTC.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
