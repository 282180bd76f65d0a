using HongqiFlow.Progress;

namespace HongqiFlow.Storage;

/// <summary>
/// Durable cases: an append-only, hash-chained event history and a snapshot per case, with the timers and
/// outbox messages a command causes written in the same transaction. Stores persist envelopes (type + JSON),
/// never engine types, so the engine and the store evolve apart.
/// </summary>
public interface ICaseStore : IAsyncDisposable
{
    /// <summary>
    /// Writes events, snapshot, timers, cancellations, outbox, timer completion and the idempotent result in one
    /// transaction. Throws <see cref="ConcurrencyException"/> when the case is not at the expected version and
    /// <see cref="TimerClaimLostException"/> when the completed timer is no longer this node's; then nothing is written.
    /// A repeated idempotency key returns the first result and writes nothing.
    /// </summary>
    Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default);

    /// <summary>The latest snapshot and version, or null when the case does not exist.</summary>
    Task<CaseSnapshot?> LoadAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>The result stored under an idempotency key, whatever case it belongs to; null when the key was never used.</summary>
    Task<StoredResult?> FindResultAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Every event of the case in version order (empty when the case does not exist).</summary>
    Task<IReadOnlyList<StoredEvent>> ReadHistoryAsync(string caseId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> scheduled timers due at <paramref name="now"/> whose lease is free or
    /// expired, in due order. A lease that runs out (the node died) makes the timer claimable again.
    /// </summary>
    Task<IReadOnlyList<ClaimedTimer>> ClaimDueTimersAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a claimed timer fired without any events (the engine had nothing to do). False when the claim was lost.
    /// A timer that causes events is completed through <see cref="AppendRequest.CompletesTimer"/> instead.
    /// </summary>
    Task<bool> CompleteTimerAsync(TimerCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>The timers of one case in due order, whatever their state.</summary>
    Task<IReadOnlyList<TimerEntry>> ListTimersAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="max"/> pending messages whose next attempt is due; counts the attempt.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    Task MarkDeliveredAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a delivered batch in one write (one transaction, one flush): the acknowledgement of a batch the dispatcher
    /// claimed. Messages no longer pending are left as they are, as for one message.
    /// </summary>
    async Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        foreach (var messageId in messageIds)
        {
            await MarkDeliveredAsync(messageId, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a failed attempt; retried at <paramref name="retryAt"/>, or dead-lettered when it is null.</summary>
    Task<OutboxState> MarkFailedAsync(string messageId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxEntry>> QueryOutboxAsync(OutboxQuery query, CancellationToken cancellationToken = default);

    /// <summary>Recomputes every case's hash chain; one finding (the first altered event) per tampered case.</summary>
    Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(CancellationToken cancellationToken = default);

    /// <summary>The same, counting the cases checked on <paramref name="progress"/> (a store that cannot count ignores it).</summary>
    Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(IOperationProgress progress, CancellationToken cancellationToken = default) =>
        VerifyAuditAsync(cancellationToken);
}
