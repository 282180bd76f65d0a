namespace HongqiFlow.Storage;

/// <summary>
/// Everything one command changes, written in one transaction: events, snapshot, timers, outbox and the
/// command's result under its idempotency key. <see cref="ExpectedVersion"/> 0 creates the case.
/// </summary>
public sealed record AppendRequest
{
    public required string CaseId { get; init; }

    /// <summary>The version the command was decided on; 0 for a new case.</summary>
    public required long ExpectedVersion { get; init; }

    /// <summary>The definition the case runs; required when <see cref="ExpectedVersion"/> is 0, ignored otherwise.</summary>
    public string? DefinitionId { get; init; }

    public IReadOnlyList<EventRecord> Events { get; init; } = [];

    public required SnapshotRecord Snapshot { get; init; }

    public IReadOnlyList<TimerRecord> TimersToSchedule { get; init; } = [];

    public IReadOnlyList<string> TimerIdsToCancel { get; init; } = [];

    public IReadOnlyList<OutboxRecord> Outbox { get; init; } = [];

    /// <summary>
    /// Set when the events move an existing case to another definition version (a migration, <c>case-migrated</c>):
    /// the case runs on this definition id from this append on, written in the same transaction.
    /// </summary>
    public string? MovesToDefinitionId { get; init; }

    /// <summary>The claimed timer this append answers, if it was caused by one.</summary>
    public TimerCompletion? CompletesTimer { get; init; }

    /// <summary>When set, a repeated command with this key returns the first result and writes nothing.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>What the caller answers for this command; returned again for a repeated idempotency key.</summary>
    public string ResultJson { get; init; } = "{}";

    /// <summary>The time of the write, for the case's updated-at and the outbox's first attempt.</summary>
    public required DateTimeOffset Now { get; init; }
}
