using System.Collections.Concurrent;

namespace HongqiFlow.Storage.Postgres;

/// <summary>
/// The last known (version, head hash) of cases this node touched, bounded: when full it starts again empty.
/// A hit saves one read per append; a miss or a wrong entry costs a read, never a wrong write.
/// </summary>
internal sealed class HeadCache
{
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, (long Version, string Hash)> _heads = new(StringComparer.Ordinal);

    public string? Find(string caseId, long version) =>
        _heads.TryGetValue(caseId, out var head) && head.Version == version ? head.Hash : null;

    /// <summary>Keeps the newest head seen: two appends finishing out of order leave the later version.</summary>
    public void Remember(string caseId, long version, string hash)
    {
        if (_heads.Count >= Capacity)
        {
            _heads.Clear();
        }

        _heads.AddOrUpdate(caseId, (version, hash), (_, known) => known.Version > version ? known : (version, hash));
    }

    public void Forget(string caseId) => _heads.TryRemove(caseId, out _);
}
