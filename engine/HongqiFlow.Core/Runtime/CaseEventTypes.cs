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

    // Personal tasks (items with task: steps only).

    /// <summary>{region, state, department, holder?, from?, fromPerson?, signers}: a step became a task (待办 or 待签收).</summary>
    public const string TaskCreated = "task-created";

    /// <summary>{region, person}: 签收.</summary>
    public const string TaskClaimed = "task-claimed";

    /// <summary>{region, person}: 退签, back to the department pool.</summary>
    public const string TaskReleased = "task-released";

    /// <summary>{region, to, name}: 分派 by a department leader.</summary>
    public const string TaskAssigned = "task-assigned";

    /// <summary>{region, from, to? | department?, reason}: 转办.</summary>
    public const string TaskTransferred = "task-transferred";

    /// <summary>{region, to, name, reason}: 委派; the task comes back to the delegator to confirm.</summary>
    public const string TaskDelegated = "task-delegated";

    /// <summary>{region, note}: the delegate finished (委派办理完毕), the task is the delegator's again.</summary>
    public const string TaskResolved = "task-resolved";

    /// <summary>{region, index, slot, person, decision approve|refuse, event, note}: one signer's decision (会签/或签/依次/票签).</summary>
    public const string TaskSigned = "task-signed";

    /// <summary>{region, slot, index, where}: 加签.</summary>
    public const string SignerAdded = "signer-added";

    /// <summary>{region, slot, index}: 减签.</summary>
    public const string SignerRemoved = "signer-removed";

    /// <summary>{region, state, person, event}: a person finished a step (before the move it causes).</summary>
    public const string TaskCompleted = "task-completed";

    /// <summary>{region, from, to, reason}: 退回 to an earlier step; the step clock restarts, the case clock runs on.</summary>
    public const string SentBack = "sent-back";

    /// <summary>{region, from, to}: 撤回 by the person who did the previous step, before the next acted.</summary>
    public const string Recalled = "recalled";

    /// <summary>{region, state, holder?, department, note}: 催办 (a notification goes out too).</summary>
    public const string Urged = "urged";

    /// <summary>{recipients, note}: 抄送 for information.</summary>
    public const string Copied = "copied";

    /// <summary>{recipients}: a copy marked read (已阅).</summary>
    public const string CopyRead = "copy-read";
}
