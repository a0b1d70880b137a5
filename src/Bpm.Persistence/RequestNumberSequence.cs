namespace Bpm.Persistence;

/// <summary>The last number handed out per bureau and year; its value is also its concurrency token.</summary>
internal sealed class RequestNumberSequence
{
    public Guid BureauId { get; set; }

    public int Year { get; set; }

    public int LastSequence { get; set; }
}
