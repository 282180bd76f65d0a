using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Cases;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Sql;

namespace HongqiFlow.Server.Supervision;

/// <summary>
/// The supervision indicators kept up to date as commands are stored, so <c>GET /api/metrics</c> adds up days rather
/// than cases. Each stored command names its case (<see cref="CaseService.OnStored"/>); the case is projected — its
/// history read once, its <see cref="CaseFacts"/> turned into counts (<see cref="IndicatorCounts"/>) — and the store
/// moves the counts into its totals per UTC day and scope (<see cref="IIndicatorStore"/>). The per-case row's version
/// is the checkpoint: at start and every <see cref="CatchUpInterval"/> the cases newer than their row (written by the
/// CLI, another node, a migration, or before this projection existed) are projected too. A request first projects what
/// is pending, so it sees every command acknowledged before it. Until the first catch-up is done the indicators are
/// computed from every case, as before.
/// </summary>
public sealed class IndicatorProjection : IDisposable
{
    /// <summary>How often cases changed outside this node's commands are looked for.</summary>
    public static readonly TimeSpan CatchUpInterval = TimeSpan.FromMinutes(1);

    private const int Page = 500;
    private const int Batch = 100;

    private readonly IIndicatorStore? _store;
    private readonly ICaseStore _cases;
    private readonly CaseService _service;
    private readonly DefinitionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _lock = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private volatile bool _ready;
    private long _projected;

    public IndicatorProjection(HongqiStores stores, CaseService service, DefinitionRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(service);
        _store = stores.Definitions as IIndicatorStore;
        _cases = stores.Cases;
        _service = service;
        _registry = registry;
        _time = time;
        if (_store is not null)
        {
            service.OnStored(Changed);
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _signal.Dispose();
    }

    /// <summary>The store keeps the projection and its first catch-up is done: requests read it.</summary>
    public bool Ready => _ready;

    /// <summary>Cases projected since this server started.</summary>
    public long Projected => Interlocked.Read(ref _projected);

    /// <summary>Notes a case whose command was stored; projected by the background loop or the next request.</summary>
    public void Changed(string caseId)
    {
        lock (_lock)
        {
            _pending.Add(caseId);
        }

        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Waits until a case is noted or <paramref name="timeout"/> passes.</summary>
    internal Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    /// <summary>Projects every case noted so far.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_store is null)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            while (true)
            {
                HashSet<string> taken;
                lock (_lock)
                {
                    if (_pending.Count == 0)
                    {
                        return;
                    }

                    (taken, _pending) = (_pending, new HashSet<string>(StringComparer.Ordinal));
                }

                var ids = taken.ToList();
                for (var i = 0; i < ids.Count; i += Batch)
                {
                    await ProjectAsync([.. ids.Skip(i).Take(Batch).Select(id => (id, (string?)null))], ct);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Projects every case whose row is missing or older than the case (at the upgrade that adds the projection: every
    /// case, from its history), then marks the projection ready. Returns how many cases it projected.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        if (_store is null)
        {
            return 0;
        }

        var count = 0;
        await _gate.WaitAsync(ct);
        try
        {
            string? after = null;
            while (true)
            {
                var lagging = await _store.ListIndicatorLagAsync(after, Page, ct);
                for (var i = 0; i < lagging.Count; i += Batch)
                {
                    await ProjectAsync([.. lagging.Skip(i).Take(Batch).Select(l => (l.CaseId, (string?)l.DefinitionId))], ct);
                }

                count += lagging.Count;
                if (lagging.Count < Page)
                {
                    break;
                }

                after = lagging[^1].CaseId;
            }
        }
        finally
        {
            _gate.Release();
        }

        _ready = true;
        return count;
    }

    private async Task ProjectAsync(IReadOnlyList<(string CaseId, string? DefinitionId)> cases, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var rows = new List<IndicatorRow>(cases.Count);
        foreach (var (caseId, known) in cases)
        {
            try
            {
                var definitionId = known ?? (await _cases.LoadAsync(caseId, ct))?.DefinitionId;
                if (definitionId is null)
                {
                    continue;
                }

                var (record, version) = await CaseRecords.ReadOneAsync(_service, _registry, caseId, definitionId, ct);
                rows.Add(Row(caseId, version, record, now));
            }
            catch (CaseNotFoundException)
            {
                // Gone since it was named: nothing to count.
            }
        }

        await _store!.ApplyIndicatorsAsync(rows, ct);
        Interlocked.Add(ref _projected, rows.Count);
    }

    /// <summary>
    /// The row of one case at <paramref name="now"/>: its counts, the scopes it counts in, and while its clock runs
    /// towards a limit not yet passed, the first millisecond it is past it (what a later reader's clock is compared with).
    /// </summary>
    internal static IndicatorRow Row(string caseId, long version, CaseRecord record, DateTimeOffset now)
    {
        var facts = record.Facts(now);
        var (definition, clock) = (record.Definition, record.State.Clock);
        List<string> scopes = ["item:" + definition.Code, .. CaseDesk.Departments(definition).Select(d => "department:" + d)];
        DateTimeOffset? promised = null;
        DateTimeOffset? statutory = null;
        if (clock.Started && !clock.Stopped && !clock.Paused)
        {
            var limits = definition.Definition.Item.TimeLimit;
            if (!facts.Overdue && limits?.Promised is not null)
            {
                promised = OverdueFrom(record, now, static r => r.OverduePromised);
            }

            if (!facts.OverdueStatutory && limits?.Statutory is not null)
            {
                statutory = OverdueFrom(record, now, static r => r.OverdueStatutory);
            }
        }

        return new IndicatorRow(caseId, version, record.StartedAt, scopes, IndicatorCounts.Of(facts), promised, statutory);
    }

    /// <summary>The first millisecond after <paramref name="now"/> at which the running clock is past a limit; null when not within ten years.</summary>
    private static DateTimeOffset? OverdueFrom(CaseRecord record, DateTimeOffset now, Func<ClockReport, bool> overdue)
    {
        bool At(long millis) => overdue(Engine.Clock(record.Definition, record.State, Timestamps.FromMillis(millis)));
        var low = Timestamps.ToMillis(now);
        var step = (long)TimeSpan.FromHours(1).TotalMilliseconds;
        while (!At(low + step))
        {
            step *= 2;
            if (step > (long)TimeSpan.FromDays(3660).TotalMilliseconds)
            {
                return null;
            }
        }

        var high = low + step;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (At(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return Timestamps.FromMillis(high);
    }

    /// <summary>The indicators of the cases started in [<paramref name="start"/>, <paramref name="end"/>) at <paramref name="now"/>: whole days from the totals, the days cut by the range from their cases' rows.</summary>
    public async Task<(Indicators Overall, Dictionary<string, Indicators> ByItem, Dictionary<string, Indicators> ByDepartment)> ReadAsync(
        DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CancellationToken ct)
    {
        var store = _store ?? throw new InvalidOperationException("the store keeps no indicator projection");
        var sums = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long[] Sum(string scope)
        {
            if (!sums.TryGetValue(scope, out var sum))
            {
                sums[scope] = sum = new long[IndicatorCounts.Length];
            }

            return sum;
        }

        void Adjust(IndicatorRow row)
        {
            // A running clock passes its limits without a command: the reader's clock decides.
            var promised = row.PromisedOverdueFrom <= now ? 1 : 0;
            var statutory = row.StatutoryOverdueFrom <= now ? 1 : 0;
            if (promised + statutory == 0)
            {
                return;
            }

            foreach (var scope in row.Scopes)
            {
                var sum = Sum(scope);
                sum[IndicatorCounts.AcceptedOverdue] += promised;
                sum[IndicatorCounts.StatutoryOverdue] += statutory;
            }
        }

        void AddRows(IEnumerable<IndicatorRow> rows)
        {
            foreach (var row in rows)
            {
                foreach (var scope in row.Scopes)
                {
                    IndicatorCounts.Add(Sum(scope), row.Counts);
                }

                Adjust(row);
            }
        }

        const long day = SqlIndicatorOperations.DayMillis;
        var (startMillis, endMillis) = (Timestamps.ToMillis(start), Timestamps.ToMillis(end));
        var firstDay = (long)Math.Ceiling(startMillis / (double)day);
        var lastDay = (long)Math.Floor(endMillis / (double)day);
        if (firstDay < lastDay)
        {
            foreach (var total in await store.ReadIndicatorTotalsAsync(firstDay, lastDay, ct))
            {
                IndicatorCounts.Add(Sum(total.Scope), total.Counts);
            }

            foreach (var row in await store.ReadRunningIndicatorRowsAsync(ct))
            {
                var rowDay = SqlIndicatorOperations.DayOf(Timestamps.ToMillis(row.StartedAt));
                if (rowDay >= firstDay && rowDay < lastDay)
                {
                    Adjust(row);
                }
            }

            AddRows(await store.ReadIndicatorRowsAsync(start, Timestamps.FromMillis(firstDay * day), ct));
            AddRows(await store.ReadIndicatorRowsAsync(Timestamps.FromMillis(lastDay * day), end, ct));
        }
        else
        {
            AddRows(await store.ReadIndicatorRowsAsync(start, end, ct));
        }

        var overall = new long[IndicatorCounts.Length];
        var byItem = new Dictionary<string, Indicators>(StringComparer.Ordinal);
        var byDepartment = new Dictionary<string, Indicators>(StringComparer.Ordinal);
        foreach (var (scope, sum) in sums.Where(s => s.Value[IndicatorCounts.Cases] > 0).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (scope.StartsWith("item:", StringComparison.Ordinal))
            {
                IndicatorCounts.Add(overall, sum);
                byItem[scope["item:".Length..]] = IndicatorCounts.ToIndicators(sum);
            }
            else if (scope.StartsWith("department:", StringComparison.Ordinal))
            {
                byDepartment[scope["department:".Length..]] = IndicatorCounts.ToIndicators(sum);
            }
        }

        return (IndicatorCounts.ToIndicators(overall), byItem, byDepartment);
    }
}
