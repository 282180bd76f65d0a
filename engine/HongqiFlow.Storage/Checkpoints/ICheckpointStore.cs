namespace HongqiFlow.Storage.Checkpoints;

/// <summary>A store that writes signed checkpoints of its cases' heads and checks its cases against them.</summary>
public interface ICheckpointStore
{
    /// <summary>
    /// Writes the next checkpoint unless the latest is younger than <paramref name="minimumAge"/> (then null: another node
    /// wrote it). A case whose head no longer extends its leaf in the previous checkpoint (deleted, rolled back, rewritten)
    /// keeps that leaf and is reported, so a checkpoint never covers up a change it should have seen.
    /// </summary>
    Task<CheckpointWritten?> WriteCheckpointAsync(ICheckpointSigner signer, DateTimeOffset now, TimeSpan minimumAge, CancellationToken cancellationToken = default);

    /// <summary>Checks every checkpoint's signature and link, and every case against the latest (deleted, rolled back, rewritten, not yet covered).</summary>
    Task<CheckpointReport> VerifyCheckpointsAsync(ICheckpointVerifier? verifier, CancellationToken cancellationToken = default);
}
