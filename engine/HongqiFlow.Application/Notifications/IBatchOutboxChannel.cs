using HongqiFlow.Storage;

namespace HongqiFlow.Notifications;

/// <summary>
/// A channel that takes a claimed batch at once (the file channel: one write and one flush to disk for the batch).
/// All or none: when it throws, every message of the batch counts as failed and is retried.
/// </summary>
public interface IBatchOutboxChannel : IOutboxChannel
{
    Task DeliverAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}
