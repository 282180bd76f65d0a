using System.Globalization;
using System.Text;

namespace HongqiFlow.Storage.Checkpoints;

/// <summary>
/// A signed statement of every case's head at one moment: the Merkle root (<see cref="MerkleRoot"/>) over the sorted
/// (case id, version, head hash) leaves, their count and the time, linked to the checkpoint before by its root. Deleting
/// a case, or rolling the store (or one case) back to an older head, leaves a head the latest checkpoint no longer covers.
/// </summary>
/// <param name="Sequence">1 for the first checkpoint of a store, then one more each time.</param>
/// <param name="PreviousRoot">The root of checkpoint <c>Sequence - 1</c>; <see cref="MerkleRoot.Empty"/> for the first.</param>
/// <param name="KeyId">The SM3 fingerprint of the signing key's public key (<see cref="ICheckpointSigner.KeyId"/>).</param>
/// <param name="Signature">The signature of <see cref="SignedBytes"/>, base64.</param>
public sealed record CaseCheckpoint(long Sequence, DateTimeOffset CreatedAt, long CaseCount, string Root, string PreviousRoot, string KeyId, string Signature)
{
    public const string Format = "hongqi-checkpoint-v1";

    /// <summary>What is signed: every field but the signature, one per line.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('\n',
        Format,
        Sequence.ToString(CultureInfo.InvariantCulture),
        Timestamps.ToMillis(CreatedAt).ToString(CultureInfo.InvariantCulture),
        CaseCount.ToString(CultureInfo.InvariantCulture),
        Root,
        PreviousRoot,
        KeyId));
}

/// <summary>One leaf of a checkpoint: a case's version and head hash when it was taken.</summary>
public sealed record CheckpointLeaf(string CaseId, long Version, string HeadHash);

/// <summary>Something a checkpoint shows to be wrong: a case deleted, rolled back or rewritten, or a checkpoint itself.</summary>
/// <param name="CaseId">The case, or null for a finding about the checkpoints themselves.</param>
public sealed record CheckpointFinding(string? CaseId, string Reason);

/// <summary>What <see cref="ICheckpointStore.VerifyCheckpointsAsync"/> found.</summary>
/// <param name="Latest">The latest checkpoint, or null when none was ever written.</param>
/// <param name="Checkpoints">How many checkpoints the store holds.</param>
/// <param name="SignaturesChecked">False when no public key was given (the coverage is still checked).</param>
/// <param name="Uncovered">Cases created or changed since the latest checkpoint: covered by the next one, not a fault.</param>
public sealed record CheckpointReport(
    CaseCheckpoint? Latest, long Checkpoints, bool SignaturesChecked, IReadOnlyList<CheckpointFinding> Findings, IReadOnlyList<string> Uncovered);

/// <summary>A checkpoint just written, with what its writer found and would not cover up (kept at the earlier leaf).</summary>
public sealed record CheckpointWritten(CaseCheckpoint Checkpoint, IReadOnlyList<CheckpointFinding> Findings);
