namespace HongqiFlow.Storage;

/// <summary>A message to deliver after the append commits (a notification, a decision notice).</summary>
/// <param name="MessageId">Unique across the store; receivers deduplicate by it (sent as the <c>Idempotency-Key</c> header).</param>
/// <param name="Channel">The name of the delivery channel, e.g. <c>log</c> or <c>webhook</c>.</param>
/// <param name="PayloadJson">The message body.</param>
public sealed record OutboxRecord(string MessageId, string Channel, string PayloadJson);
