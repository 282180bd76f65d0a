using System.Globalization;
using System.Text;

namespace HongqiFlow.Storage;

/// <summary>
/// The hash chain of a case's history. Each field is length-prefixed so no two different events share a
/// canonical form, and the payload is hashed as stored so the chain survives any database round trip. The digest is
/// the case's <see cref="ChainAlgorithm"/> (SHA-256 for cases written before it was recorded, SM3 by default since).
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of a case's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string caseId, long version, string type, DateTimeOffset occurredAt, string payloadJson, string previousHash,
        ChainAlgorithm algorithm = ChainAlgorithm.Sha256)
    {
        var canonical = new StringBuilder("hongqi-event-v1");
        Field(canonical, caseId);
        Field(canonical, version.ToString(CultureInfo.InvariantCulture));
        Field(canonical, type);
        Field(canonical, occurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Field(canonical, previousHash);
        Field(canonical, payloadJson);
        return algorithm.HashHex(canonical.ToString());
    }

    /// <summary>Builds the stored form of events appended after <paramref name="version"/> with head <paramref name="headHash"/>.</summary>
    public static IReadOnlyList<StoredEvent> Chain(string caseId, long version, string headHash, IReadOnlyList<EventRecord> events,
        ChainAlgorithm algorithm = ChainAlgorithm.Sha256)
    {
        var stored = new StoredEvent[events.Count];
        var previous = headHash;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var at = Timestamps.Truncate(e.OccurredAt);
            var v = version + i + 1;
            var hash = Hash(caseId, v, e.Type, at, e.PayloadJson, previous, algorithm);
            stored[i] = new StoredEvent(caseId, v, e.Type, e.PayloadJson, at, hash, previous);
            previous = hash;
        }

        return stored;
    }

    private static void Field(StringBuilder canonical, string value) =>
        canonical.Append('\n').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
