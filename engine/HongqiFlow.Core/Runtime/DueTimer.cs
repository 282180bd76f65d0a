namespace HongqiFlow.Runtime;

/// <summary>
/// A due time in the case state. The scheduler fires it as <see cref="Command.FireTimer"/> at <see cref="Due"/>;
/// a timer whose region has left <see cref="State"/> (or whose obligation is closed) is stale and ignored.
/// </summary>
/// <param name="Id">Deterministic: kind, region, state and the sequence that armed it, e.g. <c>after:main:correcting:5</c>.</param>
/// <param name="Target">For <c>after</c> timers the state to go to; for obligations the obligation id.</param>
public sealed record DueTimer(string Id, TimerKind Kind, DateTimeOffset Due, string Region, string? State, string? Target);
