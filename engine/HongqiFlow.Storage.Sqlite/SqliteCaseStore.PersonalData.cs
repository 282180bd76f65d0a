using HongqiFlow.Storage.PersonalData;
using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>Data keys in the same file; writes go through the one writer like appends.</summary>
public sealed partial class SqliteCaseStore : IPersonalDataStore
{
    public async Task<CaseDataKey?> FindDataKeyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.FindAsync(c, null, caseId, cancellationToken);
    }

    public Task<CaseDataKey> AddDataKeyAsync(CaseDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync((c, tx) => SqlPersonalDataOperations.AddAsync(c, tx, key, CancellationToken.None), cancellationToken);
    }

    public async Task<IReadOnlyList<CaseDataKey>> ListDataKeysNotUnderAsync(string masterKeyId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.ListNotUnderAsync(c, masterKeyId, limit, cancellationToken);
    }

    public Task<bool> RewrapDataKeyAsync(string caseId, string fromKeyId, string toKeyId, string wrappedKey, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) => SqlPersonalDataOperations.RewrapAsync(c, tx, caseId, fromKeyId, toKeyId, wrappedKey, CancellationToken.None), cancellationToken);

    public async Task<IReadOnlyList<CaseDataKey>> SampleDataKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.SampleAsync(c, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindCasesByLookupAsync(string lookup, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.FindByLookupAsync(c, lookup, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<NameMatch>> FindCasesByNameLookupAsync(string lookup, string? beforeCaseId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.FindByNameLookupAsync(c, lookup, beforeCaseId, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<UnindexedCase>> ListCasesWithoutNamesAsync(string? afterCaseId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.ListWithoutNamesAsync(c, afterCaseId, limit, cancellationToken);
    }

    public async Task IndexNamesAsync(IReadOnlyList<CaseNameLookups> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        await WriteAsync(async (c, tx) => { await SqlPersonalDataOperations.IndexNamesAsync(c, tx, cases, CancellationToken.None); return true; }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListCasesWithoutDataKeyAsync(string? afterCaseId, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.ListWithoutKeyAsync(c, afterCaseId, limit, cancellationToken);
    }

    public async Task<StoredCaseRows?> ReadCaseRowsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlPersonalDataOperations.ReadRowsAsync(c, caseId, cancellationToken, SqliteEventRows.OutboxPayloadsOfCase);
    }

    public Task<bool> ProtectCaseRowsAsync(CaseRowsProtection protection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protection);
        return WriteAsync((c, tx) => SqlPersonalDataOperations.ProtectRowsAsync(c, tx, protection, CancellationToken.None, SqliteEventRows.UpdateOutboxPayload), cancellationToken);
    }
}
