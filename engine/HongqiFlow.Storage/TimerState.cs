namespace HongqiFlow.Storage;

/// <summary>Where a timer is in its life; stored as the number.</summary>
public enum TimerState
{
    Scheduled = 0,
    Fired = 1,
    Cancelled = 2,
}
