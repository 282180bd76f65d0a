using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// What a command came to: accepted (the new state and the events it recorded — none for a stale timer) or
/// rejected (<see cref="Rejection"/>, with the case unchanged in <see cref="State"/>). A command repeated with the
/// same idempotency key gets the first result again, with <see cref="IsRepeat"/> set.
/// </summary>
public sealed record CaseResult
{
    public required string CaseId { get; init; }

    /// <summary>The case after the command (for a repeat: as the first command left it); null only when a start was rejected.</summary>
    public CaseState? State { get; init; }

    public IReadOnlyList<CaseEvent> Events { get; init; } = [];

    public Rejection? Rejection { get; init; }

    public bool IsRepeat { get; init; }

    public bool IsAccepted => Rejection is null;

    /// <summary>The case version after the command: pass it on for optimistic UIs.</summary>
    public long Version => State?.Version ?? 0;
}
