using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>Deputies (代理) in the same database, each write in its own transaction.</summary>
public sealed partial class PostgresCaseStore : IDeputyStore
{
    public async Task<IReadOnlyList<StoredDeputy>> ListDeputiesAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlDeputyOperations.ListAsync(c, cancellationToken);
    }

    public Task SaveDeputyAsync(string principal, string deputyJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentNullException.ThrowIfNull(deputyJson);
        return InTransactionAsync((c, tx) => SqlDeputyOperations.SaveAsync(c, tx, principal, deputyJson, now, cancellationToken), cancellationToken);
    }

    public async Task<bool> RemoveDeputyAsync(string principal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        return await InTransactionAsync((c, tx) => SqlDeputyOperations.RemoveAsync(c, tx, principal, cancellationToken), cancellationToken) > 0;
    }
}
