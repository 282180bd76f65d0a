using System.Collections.Concurrent;

namespace HongqiFlow.Storage;

/// <summary>
/// Something derived from a case at a known version (its head hash, its replayed history), kept by case id and
/// bounded: when full it starts again empty. A hit saves a read; an entry for another version is a miss, so a stale
/// entry costs a read, never a wrong answer. Safe for concurrent use.
/// </summary>
public sealed class CaseVersionCache<T>(int capacity)
{
    private readonly ConcurrentDictionary<string, (long Version, T Value)> _entries = new(StringComparer.Ordinal);

    /// <summary>The most cases kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "at least one case");

    /// <summary>Cases kept now.</summary>
    public int Count => _entries.Count;

    /// <summary>The value kept for the case at exactly <paramref name="version"/>.</summary>
    public bool TryGet(string caseId, long version, out T value)
    {
        if (_entries.TryGetValue(caseId, out var entry) && entry.Version == version)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps the newest version seen: two writers finishing out of order leave the later one.</summary>
    public void Remember(string caseId, long version, T value)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries.AddOrUpdate(caseId, (version, value), (_, kept) => kept.Version > version ? kept : (version, value));
    }

    public void Forget(string caseId) => _entries.TryRemove(caseId, out _);
}
