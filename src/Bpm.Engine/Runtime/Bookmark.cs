using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Bpm.Engine.Runtime;

/// <summary>
/// A point where an instance waits for a stimulus (contract §5.2). Stimuli are matched on
/// (<see cref="Name"/>, <see cref="Hash"/>): an event "Approved" waits on ("Elsa.Event", Hash("Elsa.Event", "Approved")).
/// </summary>
public sealed class Bookmark
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }
    public JsonNode? Payload { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityNodeId { get; init; }
    public required string ActivityInstanceId { get; init; }
    public required string ActivityType { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a timer should resume it (Delay, Timer); the host schedules it through ITimerScheduler.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>Deleted when resumed (Elsa's default).</summary>
    public bool AutoBurn { get; init; } = true;

    /// <summary>
    /// The hash stimuli are matched on: SHA-256 of name and source, lower-case hex, e.g.
    /// <c>Compute("Elsa.RunTask", taskId)</c>. Without a source, the name alone.
    /// </summary>
    public static string ComputeHash(string name, string? hashSource)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + (hashSource ?? "")));
        return Convert.ToHexStringLower(bytes);
    }
}
