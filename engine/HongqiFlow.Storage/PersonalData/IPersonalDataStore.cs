namespace HongqiFlow.Storage.PersonalData;

/// <summary>
/// What a store keeps for <see cref="ProtectedCaseStore"/>: each case's wrapped data key with the keyed hash of its
/// applicant's ID number (table <c>case_data_keys</c>), and the raw rows of a case written before encryption, so they
/// can be encrypted once.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>The case's data key, or null when none was written yet.</summary>
    Task<CaseDataKey?> FindDataKeyAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Writes the key unless the case has one already; returns the case's key either way.</summary>
    Task<CaseDataKey> AddDataKeyAsync(CaseDataKey key, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> data keys wrapped with another master key than <paramref name="masterKeyId"/>, by case id.</summary>
    Task<IReadOnlyList<CaseDataKey>> ListDataKeysNotUnderAsync(string masterKeyId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Replaces a wrapping if it is still the one under <paramref name="fromKeyId"/>; false when it changed meanwhile.</summary>
    Task<bool> RewrapDataKeyAsync(string caseId, string fromKeyId, string toKeyId, string wrappedKey, CancellationToken cancellationToken = default);

    /// <summary>One data key of each master key id in use (to check at start that the configured keys open them).</summary>
    Task<IReadOnlyList<CaseDataKey>> SampleDataKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The cases (that exist) whose applicant ID number has this keyed hash, by case id.</summary>
    Task<IReadOnlyList<string>> FindCasesByLookupAsync(string lookup, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cases (that exist) whose applicant's name has a part with this keyed hash, newest case id first, before
    /// <paramref name="beforeCaseId"/> when paging.
    /// </summary>
    Task<IReadOnlyList<NameMatch>> FindCasesByNameLookupAsync(string lookup, string? beforeCaseId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> cases after <paramref name="afterCaseId"/> that have a data key but no name look-ups yet (written before they existed).</summary>
    Task<IReadOnlyList<UnindexedCase>> ListCasesWithoutNamesAsync(string? afterCaseId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Writes the cases' name look-ups and marks them indexed, in one transaction; a case already indexed is left as it is.</summary>
    Task IndexNamesAsync(IReadOnlyList<CaseNameLookups> cases, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> cases after <paramref name="afterCaseId"/> that have no data key (written before encryption).</summary>
    Task<IReadOnlyList<string>> ListCasesWithoutDataKeyAsync(string? afterCaseId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The case's rows as stored (snapshot, history, outbox messages); null when the case does not exist.</summary>
    Task<StoredCaseRows?> ReadCaseRowsAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the encrypted rows of a case and its data key in one transaction, if the case is still at the version and
    /// head it was read at and has no data key; false (nothing written) otherwise.
    /// </summary>
    Task<bool> ProtectCaseRowsAsync(CaseRowsProtection protection, CancellationToken cancellationToken = default);
}

/// <summary>A case's data key as stored: wrapped with the master key <paramref name="KeyId"/>.</summary>
/// <param name="IdLookup">The keyed hash (HMAC-SM3) of the applicant's ID number, when there is one.</param>
public sealed record CaseDataKey(string CaseId, string KeyId, string WrappedKey, string? IdLookup, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The keyed hashes (HMAC-SM3) of the applicant's name parts (<see cref="PersonalDataKeys.NameParts"/>), written
    /// with the key (table <c>case_name_lookups</c>); null when the key is written without its names, which are then
    /// indexed at the next start (<see cref="IPersonalDataStore.ListCasesWithoutNamesAsync"/>).
    /// </summary>
    public IReadOnlyList<string>? NameLookups { get; init; }
}

/// <summary>A case found by a name part, with its definition (so the caller can tell whether it may see it before reading it).</summary>
public sealed record NameMatch(string CaseId, string DefinitionId);

/// <summary>A case whose key was written before names were indexed, with its stored snapshot (the name is read from it).</summary>
public sealed record UnindexedCase(string CaseId, string StateJson);

/// <summary>The name look-ups of one case written at the upgrade (<see cref="IPersonalDataStore.IndexNamesAsync"/>).</summary>
public sealed record CaseNameLookups(string CaseId, IReadOnlyList<string> Lookups);

/// <summary>An outbox message's body as stored.</summary>
public sealed record OutboxPayload(string MessageId, string PayloadJson);

/// <summary>A case's rows as stored, with the algorithm its chain and seal are computed with.</summary>
public sealed record StoredCaseRows(string CaseId, long Version, string HeadHash, string Status, string StateJson, IReadOnlyList<StoredEvent> Events, IReadOnlyList<OutboxPayload> Outbox,
    ChainAlgorithm Algorithm = ChainAlgorithm.Sha256);

/// <summary>The rows that replace a case's plaintext ones: the history chained again over the encrypted payloads, the sealed snapshot state, the outbox bodies.</summary>
/// <param name="Version">The version the rows were read at.</param>
/// <param name="PreviousHead">The head hash the rows were read at.</param>
/// <param name="Algorithm">The case's chain algorithm, kept: the history is chained again and the snapshot sealed with it.</param>
public sealed record CaseRowsProtection(CaseDataKey Key, long Version, string PreviousHead, IReadOnlyList<StoredEvent> Events, string StateJson, string Status, IReadOnlyList<OutboxPayload> Outbox,
    ChainAlgorithm Algorithm = ChainAlgorithm.Sha256)
{
    /// <summary>The new head: the last re-chained event's hash, or the old head when no event changed.</summary>
    public string Head => Events.Count > 0 ? Events[^1].Hash : PreviousHead;
}
