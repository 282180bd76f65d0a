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
/// </summary>
public static class SnapshotSeal
{
    public const string Prefix = "hongqi-snapshot-v1";

    public static string Compute(string caseId, long version, string headHash, string status, string stateJson)
    {
        var canonical = string.Join('\n',
            Prefix,
            Sha(caseId),
            version.ToString(CultureInfo.InvariantCulture),
            headHash,
            Sha(status),
            Sha(stateJson));
        return Sha(canonical);
    }

    /// <summary>True when <paramref name="seal"/> is the seal of the row's content (a missing seal never matches).</summary>
    public static bool Matches(string? seal, string caseId, long version, string headHash, string status, string stateJson) =>
        seal is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(seal), Encoding.ASCII.GetBytes(Compute(caseId, version, headHash, status, stateJson)));

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
