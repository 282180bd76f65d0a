using System.Data;
using HongqiFlow.Storage.Checkpoints;
using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>
/// Signed checkpoints in the same database. Nodes take an advisory lock to write one, so several nodes write one
/// checkpoint per interval between them; verifying reads one consistent snapshot (repeatable read).
/// </summary>
public sealed partial class PostgresCaseStore : ICheckpointStore
{
    private const string CheckpointLock = "SELECT pg_advisory_xact_lock(4851102534)";

    public Task<CheckpointWritten?> WriteCheckpointAsync(ICheckpointSigner signer, DateTimeOffset now, TimeSpan minimumAge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return InTransactionAsync((c, tx) => SqlCheckpointOperations.WriteAsync(c, tx, CheckpointLock, signer, now, minimumAge, cancellationToken), cancellationToken);
    }

    public async Task<CheckpointReport> VerifyCheckpointsAsync(ICheckpointVerifier? verifier, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        return await SqlCheckpointOperations.VerifyAsync(c, tx, verifier, cancellationToken);
    }
}
