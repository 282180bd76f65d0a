using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>The case clock: started at acceptance (受理), paused for special procedures and waits on the applicant, stopped when finished.</summary>
public sealed record CaseClock(DateTimeOffset? AcceptedAt, ValueList<PauseInterval> Pauses, DateTimeOffset? StoppedAt)
{
    public static CaseClock NotStarted { get; } = new(null, ValueList<PauseInterval>.Empty, null);

    public bool Started => AcceptedAt is not null;

    public bool Paused => Pauses.Count > 0 && Pauses[^1].IsOpen;

    public bool Stopped => StoppedAt is not null;

    public PauseInterval? OpenPause => Paused ? Pauses[^1] : null;
}
