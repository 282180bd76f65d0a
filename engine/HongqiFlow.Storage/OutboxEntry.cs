namespace HongqiFlow.Storage;

/// <summary>An outbox message as stored, for the visible delivery state.</summary>
/// <param name="Attempts">Failed and successful delivery attempts so far.</param>
/// <param name="NextAttemptAt">When a pending message is tried next.</param>
public sealed record OutboxEntry(
    string MessageId,
    string CaseId,
    string Channel,
    string PayloadJson,
    OutboxState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);
