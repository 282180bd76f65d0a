namespace HongqiFlow.Storage;

/// <summary>An outbox message leased to one node for delivery.</summary>
/// <param name="Attempt">The delivery attempt this claim is for (1 for the first).</param>
public sealed record OutboxMessage(
    string MessageId,
    string CaseId,
    string Channel,
    string PayloadJson,
    int Attempt,
    DateTimeOffset CreatedAt);
