namespace HongqiFlow.Runtime;

/// <summary>
/// One recorded fact of a case: what (<see cref="Type"/> and <see cref="Data"/>), when, who (user, role,
/// department), from which channel, and the resulting state of every region. Events are the truth; the
/// <see cref="CaseState"/> is their fold (<see cref="Engine.Apply"/>).
/// </summary>
public sealed record CaseEvent
{
    /// <summary>1-based position in the case history; equals <see cref="CaseState.Version"/> after it is applied.</summary>
    public required long Sequence { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset At { get; init; }

    public required Actor Actor { get; init; }

    public required Channel Channel { get; init; }

    /// <summary>The region the event concerns (<c>main</c>, <c>approval/tax</c>), when it concerns one.</summary>
    public string? Region { get; init; }

    /// <summary>The active state of every region after this event.</summary>
    public required Definitions.Model.ValueList<RegionState> Regions { get; init; }

    /// <summary>Event-specific data: the command payload for domain events, details for engine events.</summary>
    public ValueMap Data { get; init; } = ValueMap.Empty;

    /// <summary>Set on <c>case-started</c> only.</summary>
    public CaseStart? Start { get; init; }

    /// <summary>Set on <c>timer-set</c> only.</summary>
    public DueTimer? Timer { get; init; }

    /// <summary>Set on <c>obligation-opened</c> only.</summary>
    public Obligation? Obligation { get; init; }

    /// <summary>The command's idempotency key, on the first event a command produced.</summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>A violation worth counting (e.g. <c>notice-incomplete</c> against 一次性告知完整率).</summary>
    public bool Flagged { get; init; }

    public override string ToString() => $"#{Sequence} {Type} {Data} [{string.Join(", ", Regions)}]";
}
