using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Server.Supervision;

/// <summary>
/// Every case with its history, for the worklists, metrics, warnings and tickets (computed from histories, never
/// from counters). A case's record is read and replayed once per version: the store's case list carries each
/// case's version, so a case that has not changed since the last request costs no read and no replay, and a case
/// another node changed is read again. Holds at most <see cref="Capacity"/> cases (about 2.2 KB each: the history is
/// read, summed up in <see cref="CaseHistoryFacts"/> and let go); when full it starts again empty.
/// </summary>
public sealed class CaseRecords(ICaseStore store, CaseService cases, DefinitionRegistry registry, int capacity = CaseRecords.DefaultCapacity)
{
    private const int Page = 500;

    /// <summary>The default of <c>Hongqi:SupervisionCacheCases</c>.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly CaseVersionCache<CaseRecord> _known = new(capacity);
    private Task<IReadOnlyList<CaseRecord>>? _warming;
    private long _reads;
    private long _reuses;

    /// <summary>The most cases kept in memory.</summary>
    public int Capacity => _known.Capacity;

    /// <summary>Cases kept now.</summary>
    public int Count => _known.Count;

    /// <summary>Histories read (and replayed) and records reused unchanged since this server started.</summary>
    public (long Reads, long Reuses) Statistics => (Interlocked.Read(ref _reads), Interlocked.Read(ref _reuses));

    /// <summary>
    /// Reads every running case once (at most <see cref="Capacity"/> kept), so the first worklist after a start finds
    /// them read; requests that come meanwhile wait for it rather than read the same cases side by side. Finished cases
    /// are not read at start (the indicators come from their projection): a view over them reads them when first asked.
    /// Returns how many cases were read.
    /// </summary>
    public async Task<int> WarmUpAsync(CancellationToken ct)
    {
        var warming = ReadAllAsync("running", ct);
        _warming = warming;
        return (await warming).Count;
    }

    /// <summary>The cases with the given status (every case when null), in case-id order.</summary>
    public async Task<IReadOnlyList<CaseRecord>> ReadAsync(string? status, CancellationToken ct)
    {
        if (_warming is { IsCompleted: false } warming)
        {
            // Its outcome is the warm-up's concern: a failed or cancelled one only leaves more to read here.
            await ((Task)warming).ContinueWith(static _ => { }, ct, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        return await ReadAllAsync(status, ct);
    }

    private async Task<IReadOnlyList<CaseRecord>> ReadAllAsync(string? status, CancellationToken ct)
    {
        var records = new List<CaseRecord>();
        await foreach (var row in ListAsync(status, ct))
        {
            try
            {
                records.Add(await RecordAsync(row, ct));
            }
            catch (CaseNotFoundException)
            {
                // Listed but gone by the time it was read: not a case any more.
            }
        }

        return records;
    }

    private async Task<CaseRecord> RecordAsync(CaseSummary row, CancellationToken ct)
    {
        if (_known.TryGet(row.CaseId, row.Version, out var known))
        {
            Interlocked.Increment(ref _reuses);
            return known;
        }

        var (record, version) = await ReadOneAsync(cases, registry, row.CaseId, row.DefinitionId, ct);
        Interlocked.Increment(ref _reads);

        // The history may hold events appended after the list was read: its length is the version it shows.
        _known.Remember(row.CaseId, version, record);
        return record;
    }

    /// <summary>One case's record, read and replayed from its history, and the version (history length) it shows.</summary>
    internal static async Task<(CaseRecord Record, long Version)> ReadOneAsync(CaseService cases, DefinitionRegistry registry, string caseId, string definitionId, CancellationToken ct)
    {
        var definition = await registry.ForCaseAsync(definitionId, ct);
        var history = await cases.HistoryAsync(caseId, ct);
        var state = history.Any(e => e.Type == CaseEventTypes.CaseMigrated)
            ? await CaseService.ReplayAsync(registry, definitionId, caseId, history, cancellationToken: ct)
            : Engine.Replay(definition, caseId, history);
        return (new CaseRecord(definition, history, state), history.Count);
    }

    /// <summary>The store's case list with the given status, page by page.</summary>
    private async IAsyncEnumerable<CaseSummary> ListAsync(string? status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var rows = await store.ListCasesAsync(new CaseQuery(status, null, after, Page), ct);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < Page)
            {
                yield break;
            }

            after = rows[^1].CaseId;
        }
    }
}
