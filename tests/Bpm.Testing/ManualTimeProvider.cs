namespace Bpm.Testing;

/// <summary>
/// A clock that stands still until a test moves it: <c>new ManualTimeProvider(2026-03-02T02:00Z)</c>,
/// then <see cref="Advance"/> by a day or <see cref="SetUtcNow"/> to a new instant. Time zone: UTC, so
/// bureau-local dates come from the bureau's own clock, never from the machine.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _utcNow = utcNow.ToUniversalTime();

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _utcNow;
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            _utcNow = value.ToUniversalTime();
        }
    }

    /// <summary>Moves the clock forward; a negative step is refused (time never runs backwards in tests either).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_lock)
        {
            _utcNow += by;
        }
    }
}
