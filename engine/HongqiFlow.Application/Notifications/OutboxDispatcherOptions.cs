namespace HongqiFlow.Notifications;

/// <summary>How one node's dispatcher delivers the outbox.</summary>
public sealed record OutboxDispatcherOptions
{
    public required string NodeId { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message stays this node's; longer than one delivery with its HTTP timeout.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; init; } = 50;

    /// <summary>After this many failed attempts a message is dead-lettered (kept, visible, not retried).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait after the first failure; doubled after each further one, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(30);
}
