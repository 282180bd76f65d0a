namespace HongqiFlow.Runtime;

/// <summary>The pseudo-region of timers that belong to the whole case (case warnings, obligations, rating, instant day end).</summary>
public static class DueTimerRegions
{
    public const string Case = "case";
}
