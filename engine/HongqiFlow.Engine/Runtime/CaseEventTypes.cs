namespace HongqiFlow.Runtime;

/// <summary>
/// Types of the events the engine records besides the domain events themselves (whose type is the event name,
/// e.g. <c>accept</c>, <c>approve</c>, <c>supplement</c>).
/// </summary>
public static class CaseEventTypes
{
    public const string CaseStarted = "case-started";
    public const string StateEntered = "state-entered";
    public const string ClockStarted = "clock-started";
    public const string ClockPaused = "clock-paused";
    public const string ClockResumed = "clock-resumed";
    public const string ClockStopped = "clock-stopped";
    public const string TimerSet = "timer-set";
    public const string TimerCancelled = "timer-cancelled";
    public const string ObligationOpened = "obligation-opened";
    public const string ObligationFulfilled = "obligation-fulfilled";
    public const string ObligationBreached = "obligation-breached";
    public const string ObligationOverdue = "obligation-overdue";
    public const string MaterialsSubmitted = "materials-submitted";
    public const string MaterialsTolerated = "materials-tolerated";
    public const string MaterialsCommitted = "materials-committed";
    public const string Notice = "notice";
    public const string NoticeIncomplete = "notice-incomplete";
    public const string Warning = "warning";
    public const string InstantOverdue = "instant-overdue";
    public const string BranchDeemed = "branch-deemed";
    public const string Joined = "joined";
    public const string Suspended = "suspended";
    public const string CreditRecord = "credit-record";
    public const string Notification = "notification";
    public const string FetchRequested = "fetch-requested";

    /// <summary>A special procedure lasted its <c>max</c>: the clock resumed by itself (flagged).</summary>
    public const string ProcedureOverrun = "procedure-overrun";

    /// <summary>
    /// The case was moved to another version of its definition (who, when, from and to version, the state mapping used):
    /// from this event on, the history folds on the new version.
    /// </summary>
    public const string CaseMigrated = "case-migrated";

    /// <summary>The case passed its statutory limit (超过法定时限), distinct from passing the promised one (flagged).</summary>
    public const string StatutoryOverdue = "statutory-overdue";
}
