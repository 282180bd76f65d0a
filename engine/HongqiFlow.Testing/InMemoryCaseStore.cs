using HongqiFlow.Storage;

namespace HongqiFlow.Testing;

/// <summary>The store contract in process memory, for tests and samples; one lock makes every call a transaction.</summary>
public sealed partial class InMemoryCaseStore : ICaseStore, IDefinitionStore, IChainAlgorithmChoice
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CaseRow> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string CaseId, long Version, string ResultJson)> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimerRow> _timers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutboxRow> _outbox = new(StringComparer.Ordinal);
    private long _outboxSequence;

    /// <summary>The chain algorithm of cases created from now on; existing cases keep theirs.</summary>
    public ChainAlgorithm NewCaseChains { get; set; } = ChainAlgorithms.Default;

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        AppendValidation.Validate(request);
        lock (_gate)
        {
            if (request.IdempotencyKey is { } key && _results.TryGetValue(key, out var first))
            {
                return Task.FromResult(new AppendResult(first.Version, first.ResultJson, true, []));
            }

            _cases.TryGetValue(request.CaseId, out var row);
            var actual = row?.Version ?? 0;
            if (actual != request.ExpectedVersion || (request.ExpectedVersion == 0 && row is not null))
            {
                throw new ConcurrencyException(request.CaseId, request.ExpectedVersion, actual);
            }

            if (request.CompletesTimer is { } completion && !IsHeldBy(completion))
            {
                throw new TimerClaimLostException(completion.TimerId, completion.NodeId);
            }

            var now = Timestamps.Truncate(request.Now);
            row ??= new CaseRow(request.CaseId, request.DefinitionId!, now) { Algorithm = NewCaseChains };
            if (request.MovesToDefinitionId is { } moved && request.ExpectedVersion > 0)
            {
                row.DefinitionId = moved;
            }

            var stored = AuditChain.Chain(request.CaseId, row.Version, row.HeadHash, request.Events, row.Algorithm);
            row.Events.AddRange(stored);
            row.Version += stored.Count;
            row.HeadHash = stored.Count > 0 ? stored[^1].Hash : row.HeadHash;
            row.Snapshot = request.Snapshot;
            row.Seal = SnapshotSeal.Compute(row.Algorithm, row.CaseId, row.Version, row.HeadHash, request.Snapshot.Status, request.Snapshot.StateJson);
            row.UpdatedAt = now;
            _cases[request.CaseId] = row;

            if (request.CompletesTimer is { } done)
            {
                _timers[done.TimerId].State = TimerState.Fired;
            }

            foreach (var id in request.TimerIdsToCancel)
            {
                if (_timers.TryGetValue(id, out var t) && t.State == TimerState.Scheduled)
                {
                    t.State = TimerState.Cancelled;
                }
            }

            foreach (var t in request.TimersToSchedule)
            {
                _timers[t.TimerId] = new TimerRow(t.TimerId, request.CaseId, t.Kind, Timestamps.Truncate(t.DueAt), t.PayloadJson);
            }

            foreach (var o in request.Outbox)
            {
                _outbox.TryAdd(o.MessageId, new OutboxRow(o.MessageId, request.CaseId, o.Channel, o.PayloadJson, now, ++_outboxSequence));
            }

            if (request.IdempotencyKey is { } newKey)
            {
                _results[newKey] = (request.CaseId, row.Version, request.ResultJson);
            }

            return Task.FromResult(new AppendResult(row.Version, request.ResultJson, false, stored));
        }
    }

    public Task<CaseSnapshot?> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_cases.TryGetValue(caseId, out var row))
            {
                return Task.FromResult<CaseSnapshot?>(null);
            }

            return row.IsSealed
                ? Task.FromResult<CaseSnapshot?>(new CaseSnapshot(row.CaseId, row.DefinitionId, row.Version, row.Snapshot.StateJson, row.Snapshot.Status, row.CreatedAt, row.UpdatedAt))
                : throw new SnapshotTamperedException(row.CaseId, row.Version);
        }
    }

    public Task<StoredResult?> FindResultAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_results.TryGetValue(idempotencyKey, out var r) ? new StoredResult(r.CaseId, r.Version, r.ResultJson) : null);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadHistoryAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredEvent> events = _cases.TryGetValue(caseId, out var row) ? [.. row.Events] : [];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<CaseSummary> rows = [.. _cases.Values
                .Where(c => query.Status is null || c.Snapshot.Status == query.Status)
                .Where(c => query.DefinitionId is null || c.DefinitionId == query.DefinitionId)
                .Where(c => query.AfterCaseId is null || string.CompareOrdinal(c.CaseId, query.AfterCaseId) > 0)
                .OrderBy(c => c.CaseId, StringComparer.Ordinal)
                .Take(query.Limit)
                .Select(c => new CaseSummary(c.CaseId, c.DefinitionId, c.Snapshot.Status, c.Version, c.CreatedAt, c.UpdatedAt))];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<ClaimedTimer>> ClaimDueTimersAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Claim(
                _timers.Values.Where(t => t.State == TimerState.Scheduled && t.DueAt <= Timestamps.Truncate(now))
                    .OrderBy(t => t.DueAt).ThenBy(t => t.TimerId, StringComparer.Ordinal),
                now, nodeId, lease, max,
                (t, until) => new ClaimedTimer(t.TimerId, t.CaseId, t.Kind, t.DueAt, t.PayloadJson, nodeId, until, t.Attempts)));
        }
    }

    public Task<bool> CompleteTimerAsync(TimerCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        lock (_gate)
        {
            if (!IsHeldBy(completion))
            {
                return Task.FromResult(false);
            }

            _timers[completion.TimerId].State = TimerState.Fired;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<TimerEntry>> ListTimersAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TimerEntry> rows = [.. _timers.Values
                .Where(t => t.CaseId == caseId)
                .OrderBy(t => t.DueAt).ThenBy(t => t.TimerId, StringComparer.Ordinal)
                .Select(t => new TimerEntry(t.TimerId, t.CaseId, t.Kind, t.DueAt, t.State, t.LeaseOwner, t.LeaseUntil, t.Attempts))];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Claim(
                _outbox.Values.Where(o => o.State == OutboxState.Pending && o.NextAttemptAt <= Timestamps.Truncate(now)).OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Sequence),
                now, nodeId, lease, max,
                (o, _) => new OutboxMessage(o.MessageId, o.CaseId, o.Channel, o.PayloadJson, o.Attempts, o.CreatedAt)));
        }
    }

    public Task MarkDeliveredAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        MarkDeliveredAsync([messageId], now, cancellationToken);

    public Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        lock (_gate)
        {
            foreach (var messageId in messageIds)
            {
                if (_outbox.TryGetValue(messageId, out var o) && o.State == OutboxState.Pending)
                {
                    o.State = OutboxState.Delivered;
                    o.DeliveredAt = Timestamps.Truncate(now);
                    o.LeaseOwner = null;
                    o.LeaseUntil = null;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<OutboxState> MarkFailedAsync(string messageId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_outbox.TryGetValue(messageId, out var o))
            {
                throw new ArgumentException($"outbox message '{messageId}' does not exist", nameof(messageId));
            }

            if (o.State == OutboxState.Pending)
            {
                o.LastError = error;
                o.LeaseOwner = null;
                o.LeaseUntil = null;
                if (retryAt is { } at)
                {
                    o.NextAttemptAt = Timestamps.Truncate(at);
                }
                else
                {
                    o.State = OutboxState.DeadLettered;
                }
            }

            return Task.FromResult(o.State);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> QueryOutboxAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<OutboxEntry> rows = [.. _outbox.Values
                .Where(o => query.State is null || o.State == query.State)
                .Where(o => query.CaseId is null || o.CaseId == query.CaseId)
                .OrderBy(o => o.Sequence)
                .Take(query.Limit)
                .Select(o => new OutboxEntry(o.MessageId, o.CaseId, o.Channel, o.PayloadJson, o.State, o.Attempts, o.NextAttemptAt, o.LastError, o.CreatedAt, o.DeliveredAt))];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var findings = new List<AuditFinding>();
            foreach (var row in _cases.Values.OrderBy(c => c.CaseId, StringComparer.Ordinal))
            {
                var verifier = new AuditVerifier(row.CaseId, row.Algorithm);
                row.Events.ForEach(verifier.Add);
                var finding = verifier.Finish(row.Version, row.HeadHash)
                    ?? (row.IsSealed ? null : new AuditFinding(row.CaseId, row.Version, AuditFinding.SnapshotAltered(row.Version)));
                if (finding is not null)
                {
                    findings.Add(finding);
                }
            }

            return Task.FromResult<IReadOnlyList<AuditFinding>>(findings);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Edits a stored event behind the store's back, as a hand edit of a database row would.</summary>
    public void TamperWithEvent(string caseId, long version, string payloadJson)
    {
        lock (_gate)
        {
            var events = _cases[caseId].Events;
            var index = events.FindIndex(e => e.Version == version);
            events[index] = events[index] with { PayloadJson = payloadJson };
        }
    }

    /// <summary>Replaces a case's stored snapshot behind the store's back, as a hand edit of the case row would.</summary>
    public void TamperWithSnapshot(string caseId, string stateJson, string? status)
    {
        lock (_gate)
        {
            var row = _cases[caseId];
            row.Snapshot = new SnapshotRecord(stateJson, status ?? row.Snapshot.Status);
        }
    }

    private bool IsHeldBy(TimerCompletion completion) =>
        _timers.TryGetValue(completion.TimerId, out var t) && t.State == TimerState.Scheduled && t.LeaseOwner == completion.NodeId;

    /// <summary>Leases the first <paramref name="max"/> due rows not leased now to <paramref name="nodeId"/> (both claims share it).</summary>
    private static IReadOnlyList<T> Claim<TRow, T>(IEnumerable<TRow> due, DateTimeOffset now, string nodeId, TimeSpan lease, int max, Func<TRow, DateTimeOffset, T> claimed)
        where TRow : LeasedRow
    {
        now = Timestamps.Truncate(now);
        var until = Timestamps.Truncate(now + lease);
        return [.. due
            .Where(r => r.LeaseUntil is null || r.LeaseUntil <= now)
            .Take(max)
            .Select(r =>
            {
                r.LeaseOwner = nodeId;
                r.LeaseUntil = until;
                r.Attempts++;
                return claimed(r, until);
            })];
    }

    /// <summary>A row that nodes claim with a lease: a timer or an outbox message.</summary>
    private abstract class LeasedRow
    {
        public string? LeaseOwner { get; set; }
        public DateTimeOffset? LeaseUntil { get; set; }
        public int Attempts { get; set; }
    }

    private sealed class CaseRow(string caseId, string definitionId, DateTimeOffset createdAt)
    {
        public string CaseId { get; } = caseId;
        public string DefinitionId { get; set; } = definitionId;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public DateTimeOffset UpdatedAt { get; set; } = createdAt;
        public long Version { get; set; }
        public string HeadHash { get; set; } = AuditChain.Genesis;
        public SnapshotRecord Snapshot { get; set; } = new("{}", "");
        public string? Seal { get; set; }
        public ChainAlgorithm Algorithm { get; init; }
        public bool IsSealed => SnapshotSeal.Matches(Algorithm, Seal, CaseId, Version, HeadHash, Snapshot.Status, Snapshot.StateJson);
        public List<StoredEvent> Events { get; } = [];
    }

    private sealed class TimerRow(string timerId, string caseId, string kind, DateTimeOffset dueAt, string payloadJson) : LeasedRow
    {
        public string TimerId { get; } = timerId;
        public string CaseId { get; } = caseId;
        public string Kind { get; } = kind;
        public DateTimeOffset DueAt { get; } = dueAt;
        public string PayloadJson { get; } = payloadJson;
        public TimerState State { get; set; }
    }

    private sealed class OutboxRow(string messageId, string caseId, string channel, string payloadJson, DateTimeOffset createdAt, long sequence) : LeasedRow
    {
        public string MessageId { get; } = messageId;
        public string CaseId { get; } = caseId;
        public string Channel { get; } = channel;
        public string PayloadJson { get; } = payloadJson;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public long Sequence { get; } = sequence;
        public OutboxState State { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; } = createdAt;
        public string? LastError { get; set; }
        public DateTimeOffset? DeliveredAt { get; set; }
    }
}
