using HongqiFlow.Storage;

namespace HongqiFlow.Notifications;

/// <summary>Delivers outbox messages of one channel name; throws when a delivery fails so it is retried.</summary>
public interface IOutboxChannel
{
    /// <summary>The <see cref="OutboxRecord.Channel"/> this channel delivers.</summary>
    string Name { get; }

    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}
