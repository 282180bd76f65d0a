using HongqiFlow.Storage.Checkpoints;
using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>Signed checkpoints in the same file; written through the one writer, verified in one read transaction.</summary>
public sealed partial class SqliteCaseStore : ICheckpointStore
{
    public Task<CheckpointWritten?> WriteCheckpointAsync(ICheckpointSigner signer, DateTimeOffset now, TimeSpan minimumAge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return WriteAsync((c, tx) => SqlCheckpointOperations.WriteAsync(c, tx, null, signer, now, minimumAge, CancellationToken.None), cancellationToken);
    }

    public async Task<CheckpointReport> VerifyCheckpointsAsync(ICheckpointVerifier? verifier, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        return await SqlCheckpointOperations.VerifyAsync(c, tx, verifier, cancellationToken);
    }
}
