using System.Collections.Concurrent;

namespace HongqiFlow.Storage.PersonalData;

/// <summary>
/// A case store whose personal data is encrypted at rest: ID and phone numbers in snapshots, event payloads and outbox
/// messages are written encrypted with the case's data key (<see cref="PersonalDataJson"/>) and read back decrypted;
/// the applicant's ID number is indexed by its keyed hash. The inner store hashes and seals the encrypted text, so the
/// case chains cover what is stored, and <see cref="RotateAsync"/> re-wraps data keys without touching a payload.
/// Events handed back by <see cref="ReadHistoryAsync"/> carry the decrypted payload with the hashes of the stored one.
/// </summary>
public sealed class ProtectedCaseStore : ICaseStore, ICaseStoreDecorator
{
    private const int CachedKeys = 50_000;
    private readonly ICaseStore _inner;
    private readonly IPersonalDataStore _keys;
    private readonly PersonalDataKeys _ring;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte[]> _dataKeys = new(StringComparer.Ordinal);

    public ProtectedCaseStore(ICaseStore inner, PersonalDataKeys keys, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(keys);
        _inner = inner;
        _keys = inner as IPersonalDataStore
            ?? throw new InvalidOperationException($"the store {inner.GetType().Name} cannot keep data keys (IPersonalDataStore), so personal data cannot be encrypted in it");
        _ring = keys;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The store underneath (raw rows).</summary>
    public ICaseStore Inner => _inner;

    public PersonalDataKeys Keys => _ring;

    /// <summary>
    /// What a node does at start before it serves: checks that the configured master keys open the data keys written
    /// with them (else <see cref="PersonalDataKeyException"/>), encrypts the cases written before encryption, and
    /// re-wraps data keys still under an older master key.
    /// </summary>
    public async Task<PersonalDataStartReport> StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var sample in await _keys.SampleDataKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            _ring.Unwrap(sample.CaseId, sample.KeyId, sample.WrappedKey);
        }

        var (protectedCases, unverified) = await ProtectExistingAsync(cancellationToken).ConfigureAwait(false);
        var rewrapped = await RotateAsync(cancellationToken).ConfigureAwait(false);
        var named = await IndexNamesAsync(cancellationToken).ConfigureAwait(false);
        return new PersonalDataStartReport(protectedCases, unverified, rewrapped) { NamesIndexed = named };
    }

    /// <summary>
    /// Writes the name look-ups of the cases whose data key was written before they existed (the upgrade to them), a
    /// page of cases per transaction; returns how many cases. Nothing to do after that: new keys carry their names.
    /// </summary>
    public async Task<int> IndexNamesAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        string? after = null;
        while (true)
        {
            var page = await _keys.ListCasesWithoutNamesAsync(after, 500, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return count;
            }

            await _keys.IndexNamesAsync([.. page.Select(p => new CaseNameLookups(p.CaseId, NameLookupsOf(p.StateJson)))], cancellationToken).ConfigureAwait(false);
            count += page.Count;
            after = page[^1].CaseId;
        }
    }

    /// <summary>
    /// The cases whose applicant's name has <paramref name="namePart"/> as a part (<see cref="PersonalDataKeys.NameParts"/>),
    /// matched by its keyed hash, newest case id first, before <paramref name="beforeCaseId"/> when paging.
    /// </summary>
    public Task<IReadOnlyList<NameMatch>> FindByNameAsync(string namePart, string? beforeCaseId = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namePart);
        return _keys.FindCasesByNameLookupAsync(_ring.NameLookup(namePart), beforeCaseId, limit, cancellationToken);
    }

    /// <summary>
    /// Re-wraps every data key not under the current master key with it (the older master key must still be
    /// configured); returns how many. Event payloads, snapshots and their hashes are not touched.
    /// </summary>
    public async Task<int> RotateAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        while (true)
        {
            var page = await _keys.ListDataKeysNotUnderAsync(_ring.CurrentKeyId, 500, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return count;
            }

            foreach (var key in page)
            {
                var dataKey = _ring.Unwrap(key.CaseId, key.KeyId, key.WrappedKey);
                if (await _keys.RewrapDataKeyAsync(key.CaseId, key.KeyId, _ring.CurrentKeyId, _ring.Wrap(key.CaseId, dataKey), cancellationToken).ConfigureAwait(false))
                {
                    count++;
                }
            }
        }
    }

    /// <summary>
    /// Encrypts the cases that have no data key yet (written before encryption was on): each case whose history
    /// verifies gets a data key, its payloads, snapshot and outbox messages encrypted and its chain computed again
    /// over the encrypted payloads, in one transaction. A case whose history does not verify is left as it is, so the
    /// audit still reports it; those are counted in the second number.
    /// </summary>
    public async Task<(int Protected, int Unverified)> ProtectExistingAsync(CancellationToken cancellationToken = default)
    {
        var done = 0;
        var skipped = 0;
        string? after = null;
        while (true)
        {
            var page = await _keys.ListCasesWithoutDataKeyAsync(after, 200, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return (done, skipped);
            }

            foreach (var caseId in page)
            {
                after = caseId;
                switch (await ProtectCaseAsync(caseId, cancellationToken).ConfigureAwait(false))
                {
                    case true: done++; break;
                    case false: skipped++; break;
                    case null: break;
                }
            }
        }
    }

    /// <summary>The cases whose applicant has this ID number (matched in full by its keyed hash), by case id.</summary>
    public Task<IReadOnlyList<string>> FindByIdNumberAsync(string idNumber, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idNumber);
        return _keys.FindCasesByLookupAsync(_ring.IdNumberLookup(idNumber), limit, cancellationToken);
    }

    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataKey = await DataKeyAsync(request.CaseId, request.Snapshot.StateJson, cancellationToken).ConfigureAwait(false);
        string Seal(string json) => PersonalDataJson.Protect(json, request.CaseId, dataKey, _ring.Cipher);
        var sealedRequest = request with
        {
            Events = [.. request.Events.Select(e => e with { PayloadJson = Seal(e.PayloadJson) })],
            Snapshot = request.Snapshot with { StateJson = Seal(request.Snapshot.StateJson) },
            Outbox = [.. request.Outbox.Select(o => o with { PayloadJson = Seal(o.PayloadJson) })],
        };
        var result = await _inner.AppendAsync(sealedRequest, cancellationToken).ConfigureAwait(false);
        return result.Events.Count == request.Events.Count
            ? result with { Events = [.. result.Events.Select((e, i) => e with { PayloadJson = request.Events[i].PayloadJson })] }
            : result;
    }

    public async Task<CaseSnapshot?> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var snapshot = await _inner.LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        return snapshot is null || !PersonalDataJson.IsProtected(snapshot.StateJson)
            ? snapshot
            : snapshot with { StateJson = PersonalDataJson.Reveal(snapshot.StateJson, caseId, await ExistingDataKeyAsync(caseId, cancellationToken).ConfigureAwait(false)) };
    }

    public Task<StoredResult?> FindResultAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        _inner.FindResultAsync(idempotencyKey, cancellationToken);

    public async Task<IReadOnlyList<StoredEvent>> ReadHistoryAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var history = await _inner.ReadHistoryAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (!history.Any(e => PersonalDataJson.IsProtected(e.PayloadJson)))
        {
            return history;
        }

        var dataKey = await ExistingDataKeyAsync(caseId, cancellationToken).ConfigureAwait(false);
        return [.. history.Select(e => e with { PayloadJson = PersonalDataJson.Reveal(e.PayloadJson, caseId, dataKey) })];
    }

    public Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default) =>
        _inner.ListCasesAsync(query, cancellationToken);

    public Task<IReadOnlyList<ClaimedTimer>> ClaimDueTimersAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        _inner.ClaimDueTimersAsync(now, nodeId, lease, max, cancellationToken);

    public Task<bool> CompleteTimerAsync(TimerCompletion completion, CancellationToken cancellationToken = default) =>
        _inner.CompleteTimerAsync(completion, cancellationToken);

    public Task<IReadOnlyList<TimerEntry>> ListTimersAsync(string caseId, CancellationToken cancellationToken = default) =>
        _inner.ListTimersAsync(caseId, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        var claimed = await _inner.ClaimOutboxAsync(now, nodeId, lease, max, cancellationToken).ConfigureAwait(false);
        var opened = new List<OutboxMessage>(claimed.Count);
        foreach (var m in claimed)
        {
            opened.Add(m with { PayloadJson = await RevealAsync(m.CaseId, m.PayloadJson, cancellationToken).ConfigureAwait(false) });
        }

        return opened;
    }

    public Task MarkDeliveredAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _inner.MarkDeliveredAsync(messageId, now, cancellationToken);

    public Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _inner.MarkDeliveredAsync(messageIds, now, cancellationToken);

    public Task<OutboxState> MarkFailedAsync(string messageId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        _inner.MarkFailedAsync(messageId, error, retryAt, cancellationToken);

    public async Task<IReadOnlyList<OutboxEntry>> QueryOutboxAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        var entries = await _inner.QueryOutboxAsync(query, cancellationToken).ConfigureAwait(false);
        var opened = new List<OutboxEntry>(entries.Count);
        foreach (var m in entries)
        {
            opened.Add(m with { PayloadJson = await RevealAsync(m.CaseId, m.PayloadJson, cancellationToken).ConfigureAwait(false) });
        }

        return opened;
    }

    /// <summary>Verifies the chains as stored (over the encrypted payloads); needs no key.</summary>
    public Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        _inner.VerifyAuditAsync(cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private async Task<string> RevealAsync(string caseId, string json, CancellationToken ct) =>
        PersonalDataJson.IsProtected(json) ? PersonalDataJson.Reveal(json, caseId, await ExistingDataKeyAsync(caseId, ct).ConfigureAwait(false)) : json;

    private async Task<byte[]> ExistingDataKeyAsync(string caseId, CancellationToken ct)
    {
        if (_dataKeys.TryGetValue(caseId, out var cached))
        {
            return cached;
        }

        var stored = await _keys.FindDataKeyAsync(caseId, ct).ConfigureAwait(false)
            ?? throw new PersonalDataKeyException($"case '{caseId}' holds encrypted fields but has no data key");
        return Remember(caseId, _ring.Unwrap(caseId, stored.KeyId, stored.WrappedKey));
    }

    /// <summary>The case's data key; a new one (with the look-up of the ID number in <paramref name="stateJson"/>) for a case that has none.</summary>
    private async Task<byte[]> DataKeyAsync(string caseId, string stateJson, CancellationToken ct)
    {
        if (_dataKeys.TryGetValue(caseId, out var cached))
        {
            return cached;
        }

        if (await _keys.FindDataKeyAsync(caseId, ct).ConfigureAwait(false) is { } found)
        {
            return Remember(caseId, _ring.Unwrap(caseId, found.KeyId, found.WrappedKey));
        }

        var ids = new List<string>();
        var (dataKey, keyId, wrapped) = _ring.NewDataKey(caseId);
        PersonalDataJson.Protect(stateJson, caseId, dataKey, _ring.Cipher, ids);
        var written = await _keys.AddDataKeyAsync(new CaseDataKey(caseId, keyId, wrapped, Lookup(ids), _time.GetUtcNow()) { NameLookups = NameLookupsOf(stateJson) }, ct).ConfigureAwait(false);

        // Another writer may have given the case its key first: use the stored one.
        return Remember(caseId, written.WrappedKey == wrapped ? dataKey : _ring.Unwrap(caseId, written.KeyId, written.WrappedKey));
    }

    /// <summary>The keyed hashes of the name parts of the applicant in a snapshot (none when it names no applicant).</summary>
    private IReadOnlyList<string> NameLookupsOf(string stateJson) =>
        PersonalDataJson.ApplicantName(stateJson) is { } name ? _ring.NameLookups(name) : [];

    private string? Lookup(List<string> idNumbers) => idNumbers.Count > 0 ? _ring.IdNumberLookup(idNumbers[0]) : null;

    private byte[] Remember(string caseId, byte[] dataKey)
    {
        if (_dataKeys.Count >= CachedKeys)
        {
            _dataKeys.Clear();
        }

        _dataKeys[caseId] = dataKey;
        return dataKey;
    }

    /// <summary>True when encrypted, false when left as it is (its history does not verify), null when there was nothing to do.</summary>
    private async Task<bool?> ProtectCaseAsync(string caseId, CancellationToken ct)
    {
        var rows = await _keys.ReadCaseRowsAsync(caseId, ct).ConfigureAwait(false);
        if (rows is null)
        {
            return null;
        }

        var verifier = new AuditVerifier(caseId, rows.Algorithm);
        foreach (var e in rows.Events)
        {
            verifier.Add(e);
        }

        if (verifier.Finish(rows.Version, rows.HeadHash) is not null)
        {
            return false;
        }

        var ids = new List<string>();
        var (dataKey, keyId, wrapped) = _ring.NewDataKey(caseId);
        string Seal(string json) => PersonalDataJson.Protect(json, caseId, dataKey, _ring.Cipher, ids);
        var state = Seal(rows.StateJson);
        var lookup = Lookup(ids);
        var payloads = rows.Events.Select(e => new EventRecord(e.Type, Seal(e.PayloadJson), e.OccurredAt)).ToList();
        var changed = payloads.Where((p, i) => !ReferenceEquals(p.PayloadJson, rows.Events[i].PayloadJson)).Any();
        var events = changed ? AuditChain.Chain(caseId, 0, AuditChain.Genesis, payloads, rows.Algorithm) : [];
        var outbox = rows.Outbox.Select(o => o with { PayloadJson = Seal(o.PayloadJson) }).Where((o, i) => !ReferenceEquals(o.PayloadJson, rows.Outbox[i].PayloadJson)).ToList();
        var key = new CaseDataKey(caseId, keyId, wrapped, lookup, _time.GetUtcNow()) { NameLookups = NameLookupsOf(rows.StateJson) };
        try
        {
            return await _keys.ProtectCaseRowsAsync(new CaseRowsProtection(key, rows.Version, rows.HeadHash, events, state, rows.Status, outbox, rows.Algorithm), ct).ConfigureAwait(false)
                ? true
                : null;
        }
        catch (ConcurrencyException)
        {
            // Written to meanwhile (so it has its key now): nothing to do.
            return null;
        }
    }
}

/// <summary>What <see cref="ProtectedCaseStore.StartAsync"/> did.</summary>
/// <param name="Protected">Cases written before encryption, encrypted now.</param>
/// <param name="Unverified">Cases written before encryption left as they are because their history does not verify.</param>
/// <param name="Rewrapped">Data keys re-wrapped with the current master key.</param>
public sealed record PersonalDataStartReport(int Protected, int Unverified, int Rewrapped)
{
    /// <summary>Cases whose name look-ups were written at this start (keys written before the look-ups existed).</summary>
    public int NamesIndexed { get; init; }
}
