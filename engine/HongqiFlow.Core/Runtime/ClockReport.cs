namespace HongqiFlow.Runtime;

/// <summary>
/// The case clock at an instant: working time elapsed since acceptance (pauses excluded) and what remains of the
/// promised and the statutory limit (negative when overdue). Null limits mean the item sets none.
/// </summary>
public sealed record ClockReport(
    bool Started,
    bool Paused,
    bool Stopped,
    TimeSpan Elapsed,
    TimeSpan? Promised,
    TimeSpan? Statutory,
    TimeSpan? RemainingPromised,
    TimeSpan? RemainingStatutory)
{
    public bool OverduePromised => RemainingPromised < TimeSpan.Zero;

    public bool OverdueStatutory => RemainingStatutory < TimeSpan.Zero;
}
