using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>
/// The operations audit (安全审计) in the same database: each append locks the head row, so the nodes of a cluster
/// extend one chain in turn.
/// </summary>
public sealed partial class PostgresCaseStore : IOperationsLog
{
    public Task<StoredOperation> AppendOperationAsync(OperationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return InTransactionAsync((c, tx) => SqlOperationsLog.AppendAsync(c, tx, SqlDialect.Postgres, record, cancellationToken), cancellationToken);
    }

    public async Task<OperationPage> QueryOperationsAsync(OperationQuery query, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlOperationsLog.SearchAsync(c, query, cancellationToken);
    }

    public async Task<IReadOnlyList<OperationsFinding>> VerifyOperationsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlOperationsLog.VerifyAsync(c, cancellationToken);
    }
}
