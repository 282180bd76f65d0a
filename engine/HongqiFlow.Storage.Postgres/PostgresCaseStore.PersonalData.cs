using HongqiFlow.Storage.PersonalData;
using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>Data keys in the same database, each write in its own transaction.</summary>
public sealed partial class PostgresCaseStore : IPersonalDataStore
{
    public async Task<CaseDataKey?> FindDataKeyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.FindAsync(c, null, caseId, cancellationToken);
    }

    public Task<CaseDataKey> AddDataKeyAsync(CaseDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return InTransactionAsync((c, tx) => SqlPersonalDataOperations.AddAsync(c, tx, key, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<CaseDataKey>> ListDataKeysNotUnderAsync(string masterKeyId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.ListNotUnderAsync(c, masterKeyId, limit, cancellationToken);
    }

    public Task<bool> RewrapDataKeyAsync(string caseId, string fromKeyId, string toKeyId, string wrappedKey, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, tx) => SqlPersonalDataOperations.RewrapAsync(c, tx, caseId, fromKeyId, toKeyId, wrappedKey, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<CaseDataKey>> SampleDataKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.SampleAsync(c, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindCasesByLookupAsync(string lookup, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.FindByLookupAsync(c, lookup, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<NameMatch>> FindCasesByNameLookupAsync(string lookup, string? beforeCaseId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.FindByNameLookupAsync(c, lookup, beforeCaseId, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<UnindexedCase>> ListCasesWithoutNamesAsync(string? afterCaseId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.ListWithoutNamesAsync(c, afterCaseId, limit, cancellationToken);
    }

    public async Task IndexNamesAsync(IReadOnlyList<CaseNameLookups> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        await InTransactionAsync(async (c, tx) => { await SqlPersonalDataOperations.IndexNamesAsync(c, tx, cases, cancellationToken); return true; }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListCasesWithoutDataKeyAsync(string? afterCaseId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.ListWithoutKeyAsync(c, afterCaseId, limit, cancellationToken);
    }

    public async Task<StoredCaseRows?> ReadCaseRowsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlPersonalDataOperations.ReadRowsAsync(c, caseId, cancellationToken);
    }

    /// <summary>The case row is locked first; its remembered head is forgotten, as the chain was computed again.</summary>
    public async Task<bool> ProtectCaseRowsAsync(CaseRowsProtection protection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protection);
        var done = await InTransactionAsync(async (c, tx) =>
        {
            await SqlCommands.ExecuteAsync(c, tx, "SELECT 1 FROM cases WHERE case_id = @c FOR UPDATE", cancellationToken, ("c", protection.Key.CaseId));
            return await SqlPersonalDataOperations.ProtectRowsAsync(c, tx, protection, cancellationToken);
        }, cancellationToken);
        _append.Heads.Forget(protection.Key.CaseId);
        return done;
    }
}
