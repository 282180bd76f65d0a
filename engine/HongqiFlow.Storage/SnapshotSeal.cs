using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HongqiFlow.Storage;

/// <summary>
/// The seal of a case's stored snapshot: a SHA-256 over the case id, the version, the head hash of the event chain
/// and the snapshot (status and state) as stored, written in the same transaction as the head event. It binds what
/// the case view and the progress page serve to the audited history: a snapshot edited by hand no longer matches its
/// seal, and a seal recomputed by hand would have to use the head hash the chain vouches for.
/// <para>
/// Each variable field is hashed on its own and the hex digests joined, so PostgreSQL can compute the same value in
/// SQL (<c>sha256</c>) when it seals rows written before the column existed.
/// </para>
/// <para>
/// The seal uses the case's <see cref="ChainAlgorithm"/>, like its events: SM3 for cases chained with SM3.
/// </para>
/// </summary>
public static class SnapshotSeal
{
    public const string Prefix = "hongqi-snapshot-v1";

    public static string Compute(string caseId, long version, string headHash, string status, string stateJson) =>
        Compute(ChainAlgorithm.Sha256, caseId, version, headHash, status, stateJson);

    public static string Compute(ChainAlgorithm algorithm, string caseId, long version, string headHash, string status, string stateJson)
    {
        var canonical = string.Join('\n',
            Prefix,
            algorithm.HashHex(caseId),
            version.ToString(CultureInfo.InvariantCulture),
            headHash,
            algorithm.HashHex(status),
            algorithm.HashHex(stateJson));
        return algorithm.HashHex(canonical);
    }

    /// <summary>True when <paramref name="seal"/> is the seal of the row's content (a missing seal never matches).</summary>
    public static bool Matches(string? seal, string caseId, long version, string headHash, string status, string stateJson) =>
        Matches(ChainAlgorithm.Sha256, seal, caseId, version, headHash, status, stateJson);

    /// <summary>True when <paramref name="seal"/> is the <paramref name="algorithm"/> seal of the row's content.</summary>
    public static bool Matches(ChainAlgorithm algorithm, string? seal, string caseId, long version, string headHash, string status, string stateJson) =>
        seal is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(seal), Encoding.ASCII.GetBytes(Compute(algorithm, caseId, version, headHash, status, stateJson)));
}
