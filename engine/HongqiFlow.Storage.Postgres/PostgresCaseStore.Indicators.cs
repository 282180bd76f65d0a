using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>The indicator projection in the same database, each batch in its own transaction with its rows locked.</summary>
public sealed partial class PostgresCaseStore : IIndicatorStore
{
    public Task<int> ApplyIndicatorsAsync(IReadOnlyList<IndicatorRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count == 0 ? Task.FromResult(0) : InTransactionAsync((c, tx) => SqlIndicatorOperations.ApplyAsync(c, tx, rows, " FOR UPDATE", cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<IndicatorTotal>> ReadIndicatorTotalsAsync(long fromDay, long toDay, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlIndicatorOperations.TotalsAsync(c, fromDay, toDay, cancellationToken);
    }

    public async Task<IReadOnlyList<IndicatorRow>> ReadIndicatorRowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlIndicatorOperations.RowsAsync(c, from, to, cancellationToken);
    }

    public async Task<IReadOnlyList<IndicatorRow>> ReadRunningIndicatorRowsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlIndicatorOperations.RunningAsync(c, cancellationToken);
    }

    public async Task<IReadOnlyList<IndicatorLag>> ListIndicatorLagAsync(string? afterCaseId, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlIndicatorOperations.LagAsync(c, afterCaseId, max, cancellationToken);
    }
}
