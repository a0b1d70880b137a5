using System.Collections.Concurrent;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Domain.Texts;

namespace Bpm.Application.Library;

/// <summary>
/// The published items offered for requests of one bureau and type, with their questions' fingerprints prepared, kept per
/// (bureau, type). Published items are few (hundreds), so suggesting compares in memory. A publish or reject on this server
/// empties the cache at once; a publish on another server is seen here within <see cref="Lifetime"/> (5 minutes).
/// </summary>
public sealed class PublishedLibraryCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(Guid Bureau, RequestType Type), Loaded> _loaded = new();
    private long _generation;

    public async Task<IReadOnlyList<LibraryCandidate>> GetAsync(
        Guid bureauId, RequestType type, Func<CancellationToken, Task<IReadOnlyList<LibraryEntry>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (_loaded.TryGetValue((bureauId, type), out var loaded) && loaded.Generation == generation && now - loaded.At < Lifetime)
        {
            return loaded.Candidates;
        }

        var entries = await load(cancellationToken);
        var candidates = entries.Select(e => new LibraryCandidate(e, ChineseTextSimilarity.Fingerprint.Of(e.Question))).ToList();
        _loaded[(bureauId, type)] = new Loaded(candidates, now, generation);
        return candidates;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _loaded.Clear();
    }

    private sealed record Loaded(IReadOnlyList<LibraryCandidate> Candidates, DateTimeOffset At, long Generation);
}

/// <summary>A published item with its question's fingerprint.</summary>
public sealed record LibraryCandidate(LibraryEntry Entry, ChineseTextSimilarity.Fingerprint Fingerprint);
