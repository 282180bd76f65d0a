using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>The operations audit (安全审计) in the same file; appends go through the one writer like case appends.</summary>
public sealed partial class SqliteCaseStore : IOperationsLog
{
    public Task<StoredOperation> AppendOperationAsync(OperationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync((c, tx) => SqlOperationsLog.AppendAsync(c, tx, SqlDialect.Sqlite, record, CancellationToken.None), cancellationToken);
    }

    public async Task<OperationPage> QueryOperationsAsync(OperationQuery query, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlOperationsLog.SearchAsync(c, query, cancellationToken);
    }

    public async Task<IReadOnlyList<OperationsFinding>> VerifyOperationsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlOperationsLog.VerifyAsync(c, cancellationToken);
    }
}
