namespace HongqiFlow.Runtime;

/// <summary>
/// A due time in the case state. The scheduler fires it as <see cref="Command.FireTimer"/> at <see cref="Due"/>;
/// a timer whose region has left <see cref="State"/> (or whose obligation is closed) is stale and ignored.
/// </summary>
/// <param name="Id">Deterministic: kind, region, state and the sequence that armed it, e.g. <c>after:main:correcting:5</c>.</param>
/// <param name="Target">For <c>after</c> timers the state to go to; for obligations the obligation id.</param>
public sealed record DueTimer(string Id, TimerKind Kind, DateTimeOffset Due, string Region, string? State, string? Target)
{
    /// <summary>The kind as written in timer ids and <c>timer-set</c> events: <c>case-yellow</c>, <c>step-limit</c>.</summary>
    internal static string KindName(TimerKind kind) => kind switch
    {
        TimerKind.After => "after",
        TimerKind.BranchLimit => "branch-limit",
        TimerKind.BranchWarning => "branch-warning",
        TimerKind.StepWarning => "step-warning",
        TimerKind.StepLimit => "step-limit",
        TimerKind.CaseYellow => "case-yellow",
        TimerKind.CaseRed => "case-red",
        TimerKind.ObligationDue => "obligation-due",
        TimerKind.ObligationReminder => "obligation-reminder",
        TimerKind.RatingDefault => "rating-default",
        TimerKind.ProcedureMax => "procedure-max",
        TimerKind.StatutoryLimit => "statutory-limit",
        _ => "instant-day-end",
    };
}
