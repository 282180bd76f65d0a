using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>Deputies (代理) in the same file; writes go through the one writer like appends.</summary>
public sealed partial class SqliteCaseStore : IDeputyStore
{
    public async Task<IReadOnlyList<StoredDeputy>> ListDeputiesAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlDeputyOperations.ListAsync(c, cancellationToken);
    }

    public Task SaveDeputyAsync(string principal, string deputyJson, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentNullException.ThrowIfNull(deputyJson);
        return WriteAsync((c, tx) => SqlDeputyOperations.SaveAsync(c, tx, principal, deputyJson, now, CancellationToken.None), cancellationToken);
    }

    public async Task<bool> RemoveDeputyAsync(string principal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        return await WriteAsync((c, tx) => SqlDeputyOperations.RemoveAsync(c, tx, principal, CancellationToken.None), cancellationToken) > 0;
    }
}
