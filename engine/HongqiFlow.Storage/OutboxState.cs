namespace HongqiFlow.Storage;

/// <summary>Where an outbox message is in its life; stored as the number.</summary>
public enum OutboxState
{
    Pending = 0,
    Delivered = 1,
    DeadLettered = 2,
}
