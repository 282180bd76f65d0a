namespace HongqiFlow.Scheduling;

/// <summary>How one node's scheduler claims timers.</summary>
public sealed record TimerSchedulerOptions
{
    /// <summary>Names this node in leases; unique per running process.</summary>
    public required string NodeId { get; init; }

    /// <summary>How long the scheduler waits when no timer was due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim stays this node's; longer than handling one batch, short enough to recover from a dead node.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; init; } = 100;
}
